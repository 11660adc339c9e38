import type { SubscriptionListResponse } from '@tollbooth/core';
import type { ActionContext } from '../_internal/runtime';
import { requireUser } from '../_internal/validate';
import { summariseSubscription } from './subscription-owner';

/** `GET /subscriptions`: the caller's subscriptions, every status. */
export async function listSubscriptionsAction(ctx: ActionContext): Promise<SubscriptionListResponse> {
  const user = requireUser(ctx);
  const customer = await ctx.rt.customers.find(user);

  await ctx.authorize(undefined, { customer }, customer);

  if (customer === null) return { data: [] };
  const list = await ctx.rt.stripe.subscriptions.list({ customer, status: 'all', limit: 100 });
  return { data: list.data.map((s) => summariseSubscription(ctx.rt, s)) };
}
