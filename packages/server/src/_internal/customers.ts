import { METADATA_KEYS } from '@tollbooth/core';
import type Stripe from 'stripe';
import type { BillingOwner, CustomerMapping, KeyValueStore, TollboothUser } from '../types';
import { sha256Hex } from './http';
import { ownerKey } from './owner';
import type { Runtime } from './runtime';

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
  const key = (owner: BillingOwner) => `customer:${ownerKey(owner)}`;
  return {
    async find(owner) {
      const cached = await store.get(key(owner));
      if (cached) return cached;
      const found = await stripe.customers.search({ query: ownerQuery(appId, ownerKey(owner)), limit: 10 });
      // Two customers for one owner can only come from outside Tollbooth; the oldest is the one it made first.
      const customer = [...found.data].sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1))[0];
      if (!customer) return null;
      await store.set(key(owner), customer.id);
      return customer.id;
    },
    async save(owner, customerId) {
      await store.set(key(owner), customerId);
    },
  };
}

/**
 * The owner's Stripe customer, created when the mapping finds none; `user` is who asked (for an organisation:
 * the member whose request made it, recorded in `tollbooth_user`). The idempotency key comes from (app, owner)
 * alone, so parallel first requests, several instances, and a search that has not yet indexed a customer made a
 * moment ago (Stripe's search is eventually consistent) all end at one customer.
 */
export async function ensureCustomer(rt: Runtime, owner: BillingOwner, user: TollboothUser): Promise<string> {
  const existing = await rt.customers.find(owner);
  if (existing) return existing;
  const key = ownerKey(owner);
  const digest = await sha256Hex(JSON.stringify(['tollbooth/v1', 'customer', rt.appId, key]));
  const params: { metadata: Record<string, string>; email?: string } = {
    metadata: {
      [METADATA_KEYS.app]: rt.appId,
      [METADATA_KEYS.owner]: key,
      [METADATA_KEYS.userId]: user.id,
    },
  };
  // An organisation's customer is not the member's: their email would send the team's receipts to one person.
  if (owner.type === 'user' && typeof user.email === 'string' && user.email !== '') params.email = user.email;
  const idempotencyKey = `tollbooth-customer-${digest}`;
  const customer = await createWhileKeyInUse(() => rt.stripe.customers.create(params, { idempotencyKey }));
  await rt.customers.save(owner, customer.id);
  return customer.id;
}

/** How often, and how long apart, a create is sent again while another request holds its idempotency key. */
const KEY_IN_USE_RETRIES = 5;
const KEY_IN_USE_DELAY_MS = 50;

/**
 * Stripe answers 409 `idempotency_key_in_use` while a request with the same key is still running (parallel
 * first requests, other instances). Once that request ends, the same key replays its customer: wait and send
 * it again, so every caller ends at the one customer instead of a 409.
 */
async function createWhileKeyInUse<T>(create: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code !== 'idempotency_key_in_use' || attempt > KEY_IN_USE_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, KEY_IN_USE_DELAY_MS * attempt));
    }
  }
}

/** The id of a Stripe object's customer field, expanded or not. */
export function customerIdOf(value: string | { id: string } | null | undefined): string | null {
  if (typeof value === 'string') return value;
  return value?.id ?? null;
}
