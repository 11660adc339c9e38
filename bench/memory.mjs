// Memory: heap after 10k / 50k / 100k mixed requests on the memory store, after GC, for Tollbooth and the
// hand-written route, each in its own process. Run alone: `node bench/memory.mjs`
// (BENCH_MEMORY_REQUESTS=200000 adds a 200k checkpoint).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { report, row } from './lib/report.mjs';

const MAX = Number(process.env.BENCH_MEMORY_REQUESTS ?? 100_000);
const CHECKPOINTS = [10_000, 50_000, 100_000, 200_000].filter((n) => n <= MAX);
const FLAT_MB = 5;
const child = fileURLToPath(new URL('./lib/memory-child.mjs', import.meta.url));
const run = (side) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', child, side, CHECKPOINTS.join(',')], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    }),
  );

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const sides = { tollbooth: run('tollbooth'), 'hand-written': run('hand-written') };
const first = CHECKPOINTS[0];
const last = CHECKPOINTS.at(-1);
const summary = (s) => {
  const growth = s.at[last] - s.at[first];
  return {
    growth,
    perRequest: growth / (last - first),
    text: CHECKPOINTS.map((n) => mb(s.at[n])).join(' / '),
  };
};
const ours = summary(sides.tollbooth);
const peer = summary(sides['hand-written']);

report({
  title: 'Memory (memory store, heap after GC)',
  rows: [
    row(`heap growth ${first / 1000}k → ${last / 1000}k mixed requests`, {
      ours: `${mb(ours.growth)}, ${Math.round(ours.perRequest)} B/request (${ours.text})`,
      peer: `hand-written: ${mb(peer.growth)}, ${Math.round(peer.perRequest)} B/request (${peer.text})`,
      ratio: `${mb(ours.growth)} growth`,
      target: `flat within ${FLAT_MB} MB`,
      met: ours.growth <= FLAT_MB * 1e6,
    }),
  ],
  notes: [
    `Heap used after ${CHECKPOINTS.map((n) => `${n / 1000}k`).join(' / ')} requests (after a 2k warm-up, two full GCs each), one process per side.`,
    'The mix, in turn: GET /catalog from a new address, POST /payment-intents signed in with a new idempotency key, a webhook with a new event id, and an anonymous POST /payment-intents from a new address (401). The hand-written route keeps a Set of seen event ids, as a careful in-process dedupe would.',
  ],
});
