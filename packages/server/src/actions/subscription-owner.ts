import type { SubscriptionSummary } from '@tollbooth/core';
import type Stripe from 'stripe';
import { customerIdOf } from '../_internal/customers';
import { conflict, notFound } from '../_internal/errors';
import type { ActionContext, Runtime } from '../_internal/runtime';
import { missingAsNotFound } from '../_internal/stripe-errors';
import { pathId } from '../_internal/validate';
import { requireOwner } from './own-customer';

/** Loads the subscription named in the path; another customer's (or a missing) one is the same 404. */
export async function loadOwnSubscription(
  ctx: ActionContext<
    'subscriptions.cancel' | 'subscriptions.resume' | 'subscriptions.previewChange' | 'subscriptions.change'
  >,
): Promise<Stripe.Subscription> {
  // 401 before a malformed id's 404, and that 404 before any Stripe read.
  const { owner } = requireOwner(ctx);
  const id = pathId(ctx);
  const customer = await ctx.rt.customers.find(owner);
  if (customer === null) throw notFound();
  const subscription = await ctx.rt.stripe.subscriptions.retrieve(id).catch(missingAsNotFound);
  if (customerIdOf(subscription.customer) !== customer) throw notFound();
  return subscription;
}

/** Checked after `authorize`, so a caller who may not act on the subscription never learns its state. */
export function refuseEnded(subscription: Stripe.Subscription): void {
  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') {
    throw conflict('This subscription has already ended.');
  }
}

/** The wire form; `price` is the catalog key (the Stripe id only for prices outside the catalog). */
export function summariseSubscription(rt: Runtime, sub: Stripe.Subscription): SubscriptionSummary {
  const item = sub.items.data.find((i) => rt.plans.byPriceId.has(i.price.id)) ?? sub.items.data[0];
  const priceId = item?.price.id ?? '';
  return {
    id: sub.id,
    status: sub.status,
    price: rt.keysByPrice.get(priceId) ?? priceId,
    currentPeriodEnd: item?.current_period_end ?? 0,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    trialEnd: sub.trial_end ?? null,
    quantity: item?.quantity ?? 1,
    scheduledChange: null,
  };
}
