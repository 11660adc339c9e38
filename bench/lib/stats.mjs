// Side-by-side measurement. On a shared machine an absolute figure drifts with the load; a ratio between two
// variants that take turns in the same process, round after round, does not. So every figure here is a pair
// measured interleaved, reported as the median of the per-round ratios with their spread.
import { performance } from 'node:perf_hooks';

export function median(values) {
  return quantile(values, 0.5);
}

export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * Runs `count` calls of `once(i)`, `inFlight` at a time, and returns the throughput (per second) and every
 * call's latency (ms). `once` must finish the whole response (read its body), as a client would.
 */
export async function burst(once, count, inFlight = 1, offset = 0) {
  const latencies = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      await once(offset + i);
      latencies[i] = performance.now() - t0;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  const elapsed = performance.now() - start;
  return { perSecond: (count / elapsed) * 1000, latencies };
}

/**
 * Measures `ours` and `peer` taking turns for `rounds` rounds (the one that goes first alternates, so neither
 * always runs on a warmer or colder machine), after one unrecorded warm-up round each.
 * @returns per variant the median throughput and p99 over all rounds, and the per-round throughput ratios.
 */
export async function interleave({ ours, peer, count, inFlight = 1, rounds = 8 }) {
  const seen = { ours: [], peer: [] };
  const latencies = { ours: [], peer: [] };
  let offset = 0;
  await burst(ours, Math.ceil(count / 4), inFlight, offset);
  offset += count;
  await burst(peer, Math.ceil(count / 4), inFlight, offset);
  offset += count;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
    for (const name of order) {
      const run = await burst(name === 'ours' ? ours : peer, count, inFlight, offset);
      offset += count;
      seen[name].push(run.perSecond);
      latencies[name].push(...run.latencies);
    }
  }
  const ratios = seen.ours.map((v, i) => v / seen.peer[i]);
  return {
    ours: { perSecond: median(seen.ours), p99: quantile(latencies.ours, 0.99) },
    peer: { perSecond: median(seen.peer), p99: quantile(latencies.peer, 0.99) },
    ratio: median(ratios),
    spread: [Math.min(...ratios), Math.max(...ratios)],
    p99Ratio: quantile(latencies.ours, 0.99) / quantile(latencies.peer, 0.99),
  };
}

/** How many distinct indices `interleave` hands out, for benches that prepare one input per call. */
export const indicesUsed = (count, rounds) => (rounds + 1) * 2 * count;

/** `0.93 (0.88–0.97)`: the median ratio and the lowest and highest round. */
export function ratioText(ratio, spread) {
  const r = (v) => v.toFixed(2);
  return spread ? `${r(ratio)} (${r(spread[0])}–${r(spread[1])})` : r(ratio);
}
