import { defineAction } from '../_internal/action';
import { billingOfCustomer, withCountedSeats } from '../billing/sync';
import { loadOwnCustomer, requireOwner } from './own-customer';

/**
 * `GET /billing`: the billing state of the caller's billing owner, with its seats when it counts them (the same
 * answer as `billing()`). The stored record (kept current by webhooks and Checkout's return), read from Stripe
 * when the store has none; a user without a customer gets the default plan.
 */
export const readBilling = defineAction('billing.read', {
  load: loadOwnCustomer,
  auditId: ({ customer }) => customer,
  async run(ctx, _input, { customer }) {
    const state = await billingOfCustomer(ctx.rt, customer);
    return withCountedSeats(ctx.rt, requireOwner(ctx).owner, state);
  },
});
