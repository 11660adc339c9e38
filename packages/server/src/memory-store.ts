import type { KeyValueStore, SetOptions } from './types';

export interface MemoryStoreOptions {
  /** The clock used for expiry, in milliseconds. @default Date.now */
  now?: () => number;
  /**
   * The most keys kept; past it the least recently used key is evicted, so no traffic pattern (rotating
   * addresses, unique idempotency keys, unique event ids) grows the process without bound. @default 50000
   */
  maxKeys?: number;
  /**
   * The most `durable` keys kept (webhook claims and done markers), in a tier of their own so no amount of
   * other traffic evicts them; past it the least recently used durable key goes. Signed Stripe events are the
   * only writers, so it is reached only by an account sending this many events within a done marker's seven
   * days to one process: use `@tollbooth/redis` there. @default 50000
   */
  maxDurableKeys?: number;
  /** How often, at most, a write sweeps every expired key out, in milliseconds. @default 60000 */
  sweepIntervalMs?: number;
}

/** The embedded store, with its size visible so tests and health checks can see the bound hold. */
export interface MemoryStore extends KeyValueStore {
  /** Keys held right now in both tiers, expired ones not yet swept included. */
  readonly size: number;
}

interface Entry {
  value: string;
  expiresAt: number | null;
}

/**
 * An in-process `KeyValueStore`. Right for one server instance; several instances need a shared store
 * (`@tollbooth/redis`), or webhook leases and rate limits stop being global. Bounded: expired keys are swept
 * on writes, and past `maxKeys` the least recently used key goes (a `Map` keeps insertion order, and every use
 * re-inserts its key, so the first key is always the least recently used). `durable` keys live in a second
 * tier with its own cap, so anonymous traffic filling the first never pushes out a webhook's done marker.
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const maxDurableKeys = options.maxDurableKeys ?? 50_000;
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  for (const [name, cap] of [
    ['maxKeys', maxKeys],
    ['maxDurableKeys', maxDurableKeys],
  ] as const) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`memoryStore: ${name} must be >= 1.`);
  }
  if (!(sweepIntervalMs >= 0)) throw new RangeError('memoryStore: sweepIntervalMs must be >= 0.');
  const tiers = [
    { map: new Map<string, Entry>(), cap: maxKeys },
    { map: new Map<string, Entry>(), cap: maxDurableKeys },
  ] as const;
  let nextSweepAt = now() + sweepIntervalMs;

  /** The live entry and its tier, marked most recently used; an expired one is dropped on sight. */
  function live(key: string): Entry | undefined {
    for (const { map } of tiers) {
      const entry = map.get(key);
      if (!entry) continue;
      map.delete(key);
      if (entry.expiresAt !== null && entry.expiresAt <= now()) return undefined;
      map.set(key, entry);
      return entry;
    }
    return undefined;
  }

  function sweep(at: number): void {
    for (const { map } of tiers) {
      for (const [key, entry] of map) if (entry.expiresAt !== null && entry.expiresAt <= at) map.delete(key);
    }
  }

  function remove(key: string): void {
    for (const { map } of tiers) map.delete(key);
  }

  function write(key: string, entry: Entry, durable = false): void {
    const at = now();
    if (at >= nextSweepAt) {
      sweep(at);
      nextSweepAt = at + sweepIntervalMs;
    }
    remove(key);
    const { map, cap } = tiers[durable ? 1 : 0];
    map.set(key, entry);
    while (map.size > cap) map.delete(map.keys().next().value as string);
  }

  function expiry(ttlSeconds: number | undefined): number | null {
    if (ttlSeconds === undefined) return null;
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0)
      throw new RangeError(`ttlSeconds must be a positive number, got ${ttlSeconds}`);
    return now() + ttlSeconds * 1000;
  }

  return {
    get size() {
      return tiers[0].map.size + tiers[1].map.size;
    },
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, opts: SetOptions = {}) {
      const expiresAt = expiry(opts.ttlSeconds);
      if (opts.ifAbsent && live(key)) return false;
      write(key, { value, expiresAt }, opts.durable);
      return true;
    },
    async compareAndSet(key, expected, value, opts = {}) {
      const expiresAt = expiry(opts.ttlSeconds);
      if (live(key)?.value !== expected) return false;
      write(key, { value, expiresAt }, opts.durable);
      return true;
    },
    async compareAndDelete(key, expected) {
      if (live(key)?.value !== expected) return false;
      remove(key);
      return true;
    },
    async delete(key) {
      remove(key);
    },
    async increment(key, ttlSeconds) {
      const expiresAt = expiry(ttlSeconds);
      const entry = live(key);
      if (!entry) {
        write(key, { value: '1', expiresAt });
        return 1;
      }
      const next = (Number.parseInt(entry.value, 10) || 0) + 1;
      entry.value = String(next);
      return next;
    },
  };
}
