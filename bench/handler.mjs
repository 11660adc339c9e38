// Handler overhead in one process: Tollbooth's generated routes vs the hand-written Route Handler, both on
// the real `stripe` SDK and the zero-cost Stripe. Run alone: `node bench/handler.mjs`.
import { benchTollbooth, handWritten } from './lib/apps.mjs';
import { pairRows, ROUNDS } from './lib/pairs.mjs';
import { report } from './lib/report.mjs';
import { zeroCostStripe } from './lib/zero-stripe.mjs';

const ours = benchTollbooth({ stripe: zeroCostStripe().stripe });
const peer = handWritten({ stripe: zeroCostStripe().stripe });

report({
  title: 'Handler overhead, in process (Tollbooth vs a hand-written route)',
  rows: await pairRows({ ours, peer, peerName: 'hand-written', minRatio: 0.95, maxP99: 1.1 }),
  notes: [
    `${ROUNDS} interleaved rounds per row; ratio = Tollbooth ÷ hand-written throughput, median of the per-round ratios (lowest–highest round); p99 over all rounds.`,
    'Both sides use the real `stripe` SDK on a zero-cost in-process HttpClient (canned API objects), the same cookie session and the same users; Tollbooth counts a rate limit set too high to refuse.',
  ],
});
