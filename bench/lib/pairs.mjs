// The handler figures as pairs, shared by the in-process bench (Tollbooth vs hand-written) and the Redis
// bench (Redis store vs memory store): the same routes, counts and rows for any two handlers.
import { requests, roundTrip } from './apps.mjs';
import { ms, perSecond, row } from './report.mjs';
import { interleave, ratioText } from './stats.mjs';

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);

export const ROUTES = [
  { name: 'POST /payment-intents', make: requests.paymentIntent, status: 200, count: 600 },
  { name: 'GET /catalog (cached)', make: requests.catalog, status: 200, count: 2000 },
  {
    name: 'POST /payment-intents, no session (401)',
    make: requests.unauthenticated,
    status: 401,
    count: 2000,
  },
];

/**
 * One row per route and concurrency: throughput ratio (median of rounds, spread) and p99 ratio.
 * @param {{ ours: object, peer: object, peerName: string, routes?: typeof ROUTES, inFlight?: number[], scale?: number, minRatio: number, maxP99?: number }} options
 *   `scale` shortens every round (slower pairs, such as a store over the network, need fewer calls).
 */
export async function pairRows({
  ours,
  peer,
  peerName,
  routes = ROUTES,
  inFlight = [1, 16],
  scale = 1,
  minRatio,
  maxP99,
}) {
  const rows = [];
  for (const route of routes) {
    for (const n of inFlight) {
      const result = await interleave({
        ours: (i) => roundTrip(ours, route.make(i), route.status),
        peer: (i) => roundTrip(peer, route.make(i), route.status),
        count: Math.ceil(route.count * scale),
        inFlight: n,
        rounds: ROUNDS,
      });
      const p99Met = maxP99 === undefined || result.p99Ratio <= maxP99;
      rows.push(
        row(`${route.name}, ${n === 1 ? 'sequential' : `${n} in flight`}`, {
          ours: `${perSecond(result.ours.perSecond)}, p99 ${ms(result.ours.p99)}`,
          peer: `${peerName}: ${perSecond(result.peer.perSecond)}, p99 ${ms(result.peer.p99)}`,
          ratio: `${ratioText(result.ratio, result.spread)}; p99 ${result.p99Ratio.toFixed(2)}×`,
          target: `≥ ${minRatio}${maxP99 === undefined ? '' : `; p99 ≤ ${maxP99}×`}`,
          met: result.ratio >= minRatio && p99Met,
        }),
      );
    }
  }
  return rows;
}
