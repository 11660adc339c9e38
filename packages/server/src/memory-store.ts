import type { KeyValueStore, SetOptions } from './types';

export interface MemoryStoreOptions {
  /** The clock used for expiry, in milliseconds. @default Date.now */
  now?: () => number;
  /**
   * The most keys kept; past it the least recently used key is evicted, so no traffic pattern (rotating
   * addresses, unique idempotency keys, unique event ids) grows the process without bound. @default 50000
   */
  maxKeys?: number;
  /** How often, at most, a write sweeps every expired key out, in milliseconds. @default 60000 */
  sweepIntervalMs?: number;
}

/** The embedded store, with its size visible so tests and health checks can see the bound hold. */
export interface MemoryStore extends KeyValueStore {
  /** Keys held right now, expired ones not yet swept included. */
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
 * re-inserts its key, so the first key is always the least recently used).
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError('memoryStore: maxKeys must be >= 1.');
  if (!(sweepIntervalMs >= 0)) throw new RangeError('memoryStore: sweepIntervalMs must be >= 0.');
  const map = new Map<string, Entry>();
  let nextSweepAt = now() + sweepIntervalMs;

  /** The live entry, marked most recently used; an expired one is dropped on sight. */
  function live(key: string): Entry | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    map.delete(key);
    if (entry.expiresAt !== null && entry.expiresAt <= now()) return undefined;
    map.set(key, entry);
    return entry;
  }

  function sweep(at: number): void {
    for (const [key, entry] of map) if (entry.expiresAt !== null && entry.expiresAt <= at) map.delete(key);
  }

  function write(key: string, entry: Entry): void {
    const at = now();
    if (at >= nextSweepAt) {
      sweep(at);
      nextSweepAt = at + sweepIntervalMs;
    }
    map.delete(key);
    map.set(key, entry);
    while (map.size > maxKeys) {
      const oldest = map.keys().next().value as string;
      map.delete(oldest);
    }
  }

  function expiry(ttlSeconds: number | undefined): number | null {
    if (ttlSeconds === undefined) return null;
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0)
      throw new RangeError(`ttlSeconds must be a positive number, got ${ttlSeconds}`);
    return now() + ttlSeconds * 1000;
  }

  return {
    get size() {
      return map.size;
    },
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, opts: SetOptions = {}) {
      const expiresAt = expiry(opts.ttlSeconds);
      if (opts.ifAbsent && live(key)) return false;
      write(key, { value, expiresAt });
      return true;
    },
    async compareAndSet(key, expected, value, opts = {}) {
      const expiresAt = expiry(opts.ttlSeconds);
      if (live(key)?.value !== expected) return false;
      write(key, { value, expiresAt });
      return true;
    },
    async compareAndDelete(key, expected) {
      if (live(key)?.value !== expected) return false;
      map.delete(key);
      return true;
    },
    async delete(key) {
      map.delete(key);
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
