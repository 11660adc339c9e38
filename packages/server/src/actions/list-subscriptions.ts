import { defineAction } from '../_internal/action';
import { loadOwnCustomer } from './own-customer';
import { describeSubscription } from '../plan-changes/describe';

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
