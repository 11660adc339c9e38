import { defineAction } from '../_internal/action';
import { describeSubscription } from '../plan-changes/describe';
import { loadOwnSubscription, refuseEnded } from './subscription-owner';

/** `POST /subscriptions/:id/cancel`: cancels the caller's subscription at the end of its period. */
export const cancelSubscription = defineAction('subscriptions.cancel', {
  load: (ctx) => loadOwnSubscription(ctx),
  auditId: (subscription) => subscription.id,
  async run(ctx, _input, subscription) {
    refuseEnded(subscription);
    const updated = await ctx.rt.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    return describeSubscription(ctx.rt, updated);
  },
});
