import { defineAction } from '../_internal/action';
import { loadPlanChange } from '../plan-changes/load';
import { previewChange } from '../plan-changes/preview';
import { planChangeSchema } from '../plan-changes/schema';
import { refuseEnded } from './subscription-owner';

/** `POST /subscriptions/:id/change/preview`: what a plan change costs, from Stripe's invoice preview. */
export const previewSubscriptionChange = defineAction('subscriptions.previewChange', {
  input: planChangeSchema,
  load: loadPlanChange,
  auditId: (change) => change.subscription.id,
  async run(ctx, _input, change) {
    refuseEnded(change.subscription);
    return previewChange(ctx.rt, change);
  },
});
