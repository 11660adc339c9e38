import { METADATA_KEYS } from '@tollbooth/core';
import type Stripe from 'stripe';
import type { CustomerMapping, KeyValueStore, TollboothUser } from '../types';
import { sha256Hex } from './http';
import type { Runtime } from './runtime';

/** Who a Stripe customer belongs to, as written to `metadata.tollbooth_owner`. */
export function ownerOf(user: TollboothUser): string {
  return `user:${user.id}`;
}

/** A string literal of Stripe's search query language: single quotes, with `\` escaping `'` and itself. */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The query that finds an owner's customer of one app (`customers.search`). */
export function ownerQuery(appId: string, owner: string): string {
  return `metadata['${METADATA_KEYS.app}']:${literal(appId)} AND metadata['${METADATA_KEYS.owner}']:${literal(owner)}`;
}

/**
 * The default mapping. Stripe is the source of truth and the store a cache: `find` reads the store, then
 * searches Stripe for the customer carrying this app's and owner's metadata (and caches what it finds), so a
 * wiped store, a restart or a new instance finds the customer a user already had.
 */
export function defaultCustomerMapping(stripe: Stripe, store: KeyValueStore, appId: string): CustomerMapping {
  const key = (user: TollboothUser) => `customer:${ownerOf(user)}`;
  return {
    async find(user) {
      const cached = await store.get(key(user));
      if (cached) return cached;
      const found = await stripe.customers.search({ query: ownerQuery(appId, ownerOf(user)), limit: 10 });
      // Two customers for one owner can only come from outside Tollbooth; the oldest is the one it made first.
      const customer = [...found.data].sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1))[0];
      if (!customer) return null;
      await store.set(key(user), customer.id);
      return customer.id;
    },
    async save(user, customerId) {
      await store.set(key(user), customerId);
    },
  };
}

/**
 * The user's Stripe customer, created when the mapping finds none. The idempotency key comes from (app, owner)
 * alone, so parallel first requests, several instances, and a search that has not yet indexed a customer made a
 * moment ago (Stripe's search is eventually consistent) all end at one customer.
 */
export async function ensureCustomer(rt: Runtime, user: TollboothUser): Promise<string> {
  const existing = await rt.customers.find(user);
  if (existing) return existing;
  const owner = ownerOf(user);
  const digest = await sha256Hex(JSON.stringify(['tollbooth/v1', 'customer', rt.appId, owner]));
  const params: { metadata: Record<string, string>; email?: string } = {
    metadata: {
      [METADATA_KEYS.app]: rt.appId,
      [METADATA_KEYS.owner]: owner,
      [METADATA_KEYS.userId]: user.id,
    },
  };
  if (typeof user.email === 'string' && user.email !== '') params.email = user.email;
  const customer = await rt.stripe.customers.create(params, {
    idempotencyKey: `tollbooth-customer-${digest}`,
  });
  await rt.customers.save(user, customer.id);
  return customer.id;
}

/** The id of a Stripe object's customer field, expanded or not. */
export function customerIdOf(value: string | { id: string } | null | undefined): string | null {
  if (typeof value === 'string') return value;
  return value?.id ?? null;
}
