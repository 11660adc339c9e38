import { METADATA_KEYS } from '@tollbooth/core';
import type { CustomerMapping, KeyValueStore, TollboothUser } from '../types';
import { sha256Hex } from './http';
import type { Runtime } from './runtime';

/** The default mapping: `tollbooth:customer:<user id>` in the store. */
export function storeCustomerMapping(store: KeyValueStore): CustomerMapping {
  return {
    find: (user) => store.get(`tollbooth:customer:${user.id}`),
    save: async (user, customerId) => {
      await store.set(`tollbooth:customer:${user.id}`, customerId);
    },
  };
}

/**
 * The user's Stripe customer, created when missing. The idempotency key comes from the user id alone, so two
 * first requests at once create one customer.
 */
export async function ensureCustomer(rt: Runtime, user: TollboothUser): Promise<string> {
  const existing = await rt.customers.find(user);
  if (existing) return existing;
  const idempotencyKey = `tollbooth-customer-${await sha256Hex(`customer\u0000${user.id}`)}`;
  const params: { metadata: Record<string, string>; email?: string } = {
    metadata: { [METADATA_KEYS.userId]: user.id },
  };
  if (typeof user.email === 'string' && user.email !== '') params.email = user.email;
  const customer = await rt.stripe.customers.create(params, { idempotencyKey });
  await rt.customers.save(user, customer.id);
  return customer.id;
}

/** The id of a Stripe object's customer field, expanded or not. */
export function customerIdOf(value: string | { id: string } | null | undefined): string | null {
  if (typeof value === 'string') return value;
  return value?.id ?? null;
}
