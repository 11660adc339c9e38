import type { KeyValueStore, SetOptions } from './types';

export interface MemoryStoreOptions {
  /** The clock used for expiry, in milliseconds. @default Date.now */
  now?: () => number;
}

interface Entry {
  value: string;
  expiresAt: number | null;
}

/**
 * An in-process `KeyValueStore`. Right for one server instance; several instances need a shared store
 * (`@tollbooth/redis`), or webhook claims and rate limits stop being global.
 */
export function memoryStore(options: MemoryStoreOptions = {}): KeyValueStore {
  const now = options.now ?? Date.now;
  const map = new Map<string, Entry>();

  function live(key: string): Entry | undefined {
    const entry = map.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  function expiry(ttlSeconds: number | undefined): number | null {
    return ttlSeconds === undefined ? null : now() + ttlSeconds * 1000;
  }

  return {
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, opts: SetOptions = {}) {
      if (opts.ifAbsent && live(key)) return false;
      map.set(key, { value, expiresAt: expiry(opts.ttlSeconds) });
      return true;
    },
    async delete(key) {
      map.delete(key);
    },
    async increment(key, ttlSeconds) {
      const entry = live(key);
      if (!entry) {
        map.set(key, { value: '1', expiresAt: expiry(ttlSeconds) });
        return 1;
      }
      const next = (Number.parseInt(entry.value, 10) || 0) + 1;
      entry.value = String(next);
      return next;
    },
  };
}
