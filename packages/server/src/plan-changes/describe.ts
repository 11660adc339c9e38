import type { SubscriptionSummary } from '@tollbooth/core';
import type Stripe from 'stripe';
import type { Runtime } from '../_internal/runtime';
import { summariseSubscription } from '../actions/subscription-owner';
import { scheduledChange } from '../billing/state';

/** The subscription's schedule, when it has one that is still running. */
export async function scheduleOf(
  rt: Runtime,
  sub: Stripe.Subscription,
): Promise<Stripe.SubscriptionSchedule | null> {
  const id = typeof sub.schedule === 'string' ? sub.schedule : (sub.schedule?.id ?? null);
  if (!id || sub.status === 'canceled' || sub.status === 'incomplete_expired') return null;
  const schedule = await rt.stripe.subscriptionSchedules.retrieve(id);
  return schedule.status === 'active' || schedule.status === 'not_started' ? schedule : null;
}

/** The wire form with its scheduled change (the pending downgrade), read from the schedule. */
export function describeWith(
  rt: Runtime,
  sub: Stripe.Subscription,
  schedule: Stripe.SubscriptionSchedule | null,
): SubscriptionSummary {
  const summary = summariseSubscription(rt, sub);
  const item = sub.items.data.find((i) => rt.plans.byPriceId.has(i.price.id)) ?? sub.items.data[0];
  const schedules = new Map(schedule ? [[schedule.id, schedule]] : []);
  const change = scheduledChange(
    { schedules, plans: rt.plans, keysByPrice: rt.keysByPrice },
    sub,
    item?.price.id ?? '',
  );
  return { ...summary, scheduledChange: change };
}

/** `describeWith` after reading the schedule from Stripe. */
export async function describeSubscription(
  rt: Runtime,
  sub: Stripe.Subscription,
): Promise<SubscriptionSummary> {
  return describeWith(rt, sub, await scheduleOf(rt, sub));
}
