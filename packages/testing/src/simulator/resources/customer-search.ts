import type { Searchable } from '../search-index';

/** Customers in search: by the fields Stripe lets you search them by; a deleted customer leaves the index. */
export const CUSTOMER_SEARCH: Searchable = {
  object: 'customer',
  url: '/v1/customers/search',
  fields: ['created', 'email', 'metadata', 'name', 'phone'],
  removedBy: 'customer.deleted',
};
