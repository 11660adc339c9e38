import type { KeyValueStore } from '../types';

/** Done markers outlive Stripe's retry schedule (three days), so a late redelivery is still seen as done. */
const DONE_TTL_SECONDS = 7 * 24 * 60 * 60;
const DONE = 'done';

/** What `acquire` found: the lease is ours, the event is already done, or another run holds a live lease. */
export type LeaseResult = { kind: 'leased'; lease: Lease } | { kind: 'done' } | { kind: 'busy' };

export interface Lease {
  /** Whether the lease is still this run's: not lapsed on the clock, not taken over by another run. */
  held(): Promise<boolean>;
  /** Marks the event done, if the lease is still ours; `false` when it expired and another run took it. */
  complete(): Promise<boolean>;
  /** Gives the event back so the next delivery runs it (after a handler threw). */
  release(): Promise<void>;
}

interface LeaseValue {
  token: string;
  /** Milliseconds on the server's clock: past it the lease may be taken over. */
  until: number;
}

function parse(raw: string): LeaseValue | null {
  try {
    const value = JSON.parse(raw) as Partial<LeaseValue>;
    return typeof value.until === 'number' && typeof value.token === 'string' ? (value as LeaseValue) : null;
  } catch {
    return null;
  }
}

/**
 * Leases `key` (one event id) for `leaseSeconds`. The deadline is kept in the value as well as in the store's
 * expiry, so an injected clock (and a Redis whose own clock differs) decides when a crashed run's lease lapses;
 * taking over a lapsed lease is a compare-and-set, so of two instances only one takes it.
 */
export async function acquireLease(
  store: KeyValueStore,
  key: string,
  leaseSeconds: number,
  now: () => number,
): Promise<LeaseResult> {
  const until = now() + leaseSeconds * 1000;
  const value = JSON.stringify({ token: crypto.randomUUID(), until });
  const lease: Lease = {
    held: async () => now() < until && (await store.get(key)) === value,
    complete: () =>
      store.compareAndSet(key, value, `${DONE}:${now()}`, { ttlSeconds: DONE_TTL_SECONDS, durable: true }),
    release: async () => {
      await store.compareAndDelete(key, value);
    },
  };
  // Two rounds: the key may vanish (expire, be released) between the failed claim and the read.
  for (let round = 0; round < 2; round++) {
    if (await store.set(key, value, { ifAbsent: true, ttlSeconds: leaseSeconds, durable: true })) {
      return { kind: 'leased', lease };
    }
    const current = await store.get(key);
    if (current === null) continue;
    if (current.startsWith(DONE)) return { kind: 'done' };
    const held = parse(current);
    if (held && held.until > now()) return { kind: 'busy' };
    // A lapsed (or unreadable) lease: the run that held it crashed or overran.
    if (await store.compareAndSet(key, current, value, { ttlSeconds: leaseSeconds, durable: true })) {
      return { kind: 'leased', lease };
    }
  }
  return { kind: 'busy' };
}
