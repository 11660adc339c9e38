import { conflict } from '../_internal/errors';
import type { Runtime } from '../_internal/runtime';

/** A crashed holder's lock lapses after this; a plan change takes a few Stripe calls. */
const LOCK_SECONDS = 30;
/** How long a second request waits for the first before it is told to retry. */
const WAIT_MS = 10_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` holding the store lock `key`, so parallel requests on one subscription (a double click, two tabs,
 * two instances) run one after another: the second one then reads what the first did and finds nothing left to
 * change. The lock lives in the store, so it holds across instances sharing Redis.
 */
export async function withLock<T>(rt: Runtime, key: string, fn: () => Promise<T>): Promise<T> {
  const token = crypto.randomUUID();
  const started = Date.now();
  for (let wait = 20; ; wait = Math.min(wait * 2, 500)) {
    if (await rt.store.set(key, token, { ifAbsent: true, ttlSeconds: LOCK_SECONDS })) break;
    if (Date.now() - started > WAIT_MS) {
      throw conflict('Another change to this subscription is in progress. Try again in a moment.');
    }
    await pause(wait);
  }
  try {
    return await fn();
  } finally {
    await rt.store.compareAndDelete(key, token);
  }
}
