import type { Searchable } from '../search-index';

/**
 * Subscriptions in search, by the fields Stripe documents for them (created, metadata, status). A canceled
 * subscription stays searchable (`status:'canceled'`), as on Stripe.
 */
export const SUBSCRIPTION_SEARCH: Searchable = {
  object: 'subscription',
  url: '/v1/subscriptions/search',
  fields: ['created', 'metadata', 'status'],
};
