import type { KeyValueStore } from '../types';

/** What an `appId` may be: it is written into keys, Stripe metadata and search queries as it is. */
export const APP_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The configured store seen through one app's key space: every key gets `<appId>:` in front, so two apps that
 * share one Redis never read each other's customers, leases, billing records or counters.
 */
export function appStore(store: KeyValueStore, appId: string): KeyValueStore {
  const k = (key: string) => `${appId}:${key}`;
  return {
    get: (key) => store.get(k(key)),
    set: (key, value, options) => store.set(k(key), value, options),
    delete: (key) => store.delete(k(key)),
    increment: (key, ttlSeconds) => store.increment(k(key), ttlSeconds),
    compareAndSet: (key, expected, value, options) => store.compareAndSet(k(key), expected, value, options),
    compareAndDelete: (key, expected) => store.compareAndDelete(k(key), expected),
  };
}
