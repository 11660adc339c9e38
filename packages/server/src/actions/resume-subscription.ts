import { defineAction } from '../_internal/action';
import { describeSubscription } from '../plan-changes/describe';
import { loadOwnSubscription, refuseEnded } from './subscription-owner';

/** `POST /subscriptions/:id/resume`: undoes a pending cancellation of the caller's subscription. */
export const resumeSubscription = defineAction('subscriptions.resume', {
  load: (ctx) => loadOwnSubscription(ctx),
  auditId: (subscription) => subscription.id,
  async run(ctx, _input, subscription) {
    refuseEnded(subscription);
    const updated = await ctx.rt.stripe.subscriptions.update(subscription.id, {
      cancel_at_period_end: false,
    });
    return describeSubscription(ctx.rt, updated);
  },
});
