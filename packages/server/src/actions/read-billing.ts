import { defineAction } from '../_internal/action';
import { billingOfCustomer } from '../billing/sync';
import { loadOwnCustomer } from './own-customer';

/**
 * `GET /billing`: the caller's billing state. The stored record (kept current by webhooks and Checkout's
 * return), read from Stripe when the store has none; a user without a customer gets the default plan.
 */
export const readBilling = defineAction('billing.read', {
  load: loadOwnCustomer,
  auditId: ({ customer }) => customer,
  run: (ctx, _input, { customer }) => billingOfCustomer(ctx.rt, customer),
});
