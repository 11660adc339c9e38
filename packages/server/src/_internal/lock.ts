import { TollboothError } from '@tollbooth/core';
import type { KeyValueStore } from '../types';

/**
 * How long a lock holds when its holder never releases it (a crashed instance). Above the time one refund can
 * take: a load, `authorize` (5 s by default) and a create, each bounded by the Stripe client's timeout.
 */
export const LOCK_SECONDS = 120;

/**
 * Runs `fn` holding `key` in the store, so it holds across instances sharing the store (memory for one process,
 * Redis for several). Taken with one atomic `set(…, { ifAbsent })`; a caller that finds it taken gets 409
 * `conflict` at once (it retries later; nothing waits or polls). Released after `fn` settles, only if the store
 * still holds this holder's token, so a lock that lapsed and was taken by another is never released by the first.
 */
export async function withLock<T>(
  store: KeyValueStore,
  key: string,
  message: string,
  fn: () => Promise<T>,
): Promise<T> {
  const token = crypto.randomUUID();
  if (!(await store.set(key, token, { ifAbsent: true, ttlSeconds: LOCK_SECONDS }))) {
    throw new TollboothError('conflict', message);
  }
  try {
    return await fn();
  } finally {
    await release(store, key, token);
  }
}

/** Releases the lock only while it still holds `token`. */
async function release(store: KeyValueStore, key: string, token: string): Promise<void> {
  // One atomic compare-and-delete: a read, then a delete, would leave a window in which the lock lapses, another
  // holder takes it, and this one's delete frees that holder's lock.
  await store.compareAndDelete(key, token);
}
