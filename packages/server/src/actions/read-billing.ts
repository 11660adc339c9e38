import { defineAction } from '../_internal/action';
import { seatsOf } from '../billing/seats';
import { billingOfCustomer } from '../billing/sync';
import { loadOwnCustomer, requireOwner } from './own-customer';

/**
 * `GET /billing`: the billing state of the caller's billing owner, with its seats. The stored record (kept current by webhooks and Checkout's
 * return), read from Stripe when the store has none; a user without a customer gets the default plan.
 */
export const readBilling = defineAction('billing.read', {
  load: loadOwnCustomer,
  auditId: ({ customer }) => customer,
  async run(ctx, _input, { customer }) {
    const state = await billingOfCustomer(ctx.rt, customer);
    return { ...state, seats: await seatsOf(ctx.rt, requireOwner(ctx).owner, state) };
  },
});
