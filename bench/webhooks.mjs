// Webhooks: Tollbooth's verified + claimed + dispatched events per second vs the bare signature check on the
// same payloads, and vs a hand-written route. Run alone: `node bench/webhooks.mjs`.
import { benchTollbooth, handWritten, roundTrip, WEBHOOK_SECRET } from './lib/apps.mjs';
import { signedEvents, webhookRequest } from './lib/events.mjs';
import { ROUNDS } from './lib/pairs.mjs';
import { perSecond, report, row } from './lib/report.mjs';
import { indicesUsed, interleave, ratioText } from './lib/stats.mjs';
import { zeroCostStripe } from './lib/zero-stripe.mjs';

const COUNT = 1000;
const TARGET = 0.9;
let dispatched = 0;
const onEvent = () => {
  dispatched++;
};
const ours = benchTollbooth({ stripe: zeroCostStripe().stripe, onEvent });
const bareStripe = zeroCostStripe().stripe;
const peers = {
  'bare `constructEventAsync`': async (e) => {
    await bareStripe.webhooks.constructEventAsync(e.payload, e.header, WEBHOOK_SECRET);
  },
  'hand-written route': (
    (route) => (e) =>
      roundTrip(route, webhookRequest(e), 200)
  )(handWritten({ stripe: zeroCostStripe().stripe, onEvent })),
};

const rows = [];
for (const [n, [name, peer]] of Object.entries(peers).entries()) {
  // Every call gets an event no side has seen: a duplicate would skip the claim and the handler.
  const events = signedEvents(indicesUsed(COUNT, ROUNDS), `pair${n}`);
  const before = dispatched;
  const result = await interleave({
    ours: (i) => roundTrip(ours, webhookRequest(events[i]), 200),
    peer: (i) => peer(events[i]),
    count: COUNT,
    rounds: ROUNDS,
  });
  if (dispatched - before < ROUNDS * COUNT) throw new Error('bench: not every event was dispatched');
  rows.push(
    row(`webhook events/s vs ${name}, sequential`, {
      ours: perSecond(result.ours.perSecond),
      peer: `${name}: ${perSecond(result.peer.perSecond)}`,
      ratio: ratioText(result.ratio, result.spread),
      target: `≥ ${TARGET}`,
      met: result.ratio >= TARGET,
    }),
  );
}

report({
  title: 'Webhooks (verify + claim + dispatch)',
  rows,
  notes: [
    `${ROUNDS} interleaved rounds of ${COUNT} distinct signed events; Tollbooth and the hand-written route get a Request, the bare check gets the same payload string and header.`,
  ],
});
