import type { SubscriptionChangeRequest } from '@tollbooth/core';
import type { ActionContext } from '../_internal/runtime';
import { loadOwnSubscription } from '../actions/subscription-owner';
import { scheduleOf } from './describe';
import { type PlanChange, resolveChange } from './target';

/**
 * The `load` of both change actions: the caller's own subscription (404 for anyone else's, before any write)
 * and the change classified against `plans` (400 for a price outside them).
 */
export async function loadPlanChange(
  ctx: ActionContext<'subscriptions.previewChange' | 'subscriptions.change'>,
  input: SubscriptionChangeRequest,
): Promise<PlanChange> {
  const subscription = await loadOwnSubscription(ctx);
  return resolveChange(ctx.rt, subscription, await scheduleOf(ctx.rt, subscription), input);
}

/** Read again under the lock: a parallel request may have applied this change a moment ago. */
export async function reloadPlanChange(
  ctx: ActionContext<'subscriptions.change'>,
  change: PlanChange,
): Promise<PlanChange> {
  const subscription = await ctx.rt.stripe.subscriptions.retrieve(change.subscription.id);
  const target = { price: change.target.key, quantity: change.target.quantity };
  return resolveChange(ctx.rt, subscription, await scheduleOf(ctx.rt, subscription), target);
}
