import { defineAction } from '../_internal/action';
import { describeSubscription } from '../plan-changes/describe';
import { loadOwnCustomer } from './own-customer';

/** `GET /subscriptions`: the caller's subscriptions, every status. */
export const listSubscriptions = defineAction('subscriptions.list', {
  load: loadOwnCustomer,
  auditId: ({ customer }) => customer,
  async run(ctx, _input, { customer }) {
    if (customer === null) return { data: [] };
    const list = await ctx.rt.stripe.subscriptions.list({ customer, status: 'all', limit: 100 });
    return { data: await Promise.all(list.data.map((s) => describeSubscription(ctx.rt, s))) };
  },
});
