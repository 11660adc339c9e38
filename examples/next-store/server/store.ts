import { redisStore } from '@tollbooth/redis';
import { type KeyValueStore, memoryStore } from '@tollbooth/server';
import Redis from 'ioredis';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the shop keeps what must outlive a request: Tollbooth's customer map, webhook leases and billing
 * records, and the shop's own order book. With `REDIS_URL` it is Redis (under `REDIS_PREFIX`), so orders and
 * state survive a restart and every instance sees the same ones; without it, this process's memory.
 */
export function createStore(env: Env = process.env): KeyValueStore {
  const url = env.REDIS_URL;
  // `next build` evaluates the route modules but serves nothing: no connection from the build.
  if (!url || env.NEXT_PHASE === 'phase-production-build') return memoryStore();
  // One retry per command: a Redis that is down fails the request (a webhook then answers 500 and Stripe
  // retries) instead of queueing commands in memory without bound.
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: false });
  client.on('error', (error: Error) => console.error(`[next-store] Redis: ${error.message}`));
  return redisStore({ client, prefix: env.REDIS_PREFIX || 'next-store:' });
}

// Route handlers and pages are separate bundles, and `next dev` re-evaluates modules on edits: one store
// (and one Redis connection) per process lives on globalThis.
const KEY = Symbol.for('next-store.store');
type Holder = typeof globalThis & { [KEY]?: KeyValueStore };

/** This process's store, made on first use. */
export function appStore(): KeyValueStore {
  const holder = globalThis as Holder;
  holder[KEY] ??= createStore();
  return holder[KEY];
}
