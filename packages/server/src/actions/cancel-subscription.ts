import { type SubscriptionSummary, TollboothError } from '@tollbooth/core';
import type { ActionContext } from '../_internal/runtime';
import { loadOwnSubscription, summariseSubscription } from './subscription-owner';

/** `POST /subscriptions/:id/cancel`: cancels the caller's subscription at the end of its period. */
export async function cancelSubscriptionAction(ctx: ActionContext): Promise<SubscriptionSummary> {
  const subscription = await loadOwnSubscription(ctx, 'subscriptions.cancel');

  await ctx.authorize(undefined, subscription, subscription.id);

  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') {
    throw new TollboothError('conflict', 'This subscription has already ended.');
  }
  const updated = await ctx.rt.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
  return summariseSubscription(ctx.rt, updated);
}
