import type Stripe from 'stripe';
import type { Runtime } from '../_internal/runtime';
import type { PlanChange } from './target';

/** How long a preview's proration date is kept for the change that follows it. */
const PREVIEW_SECONDS = 15 * 60;

const previewKey = (change: PlanChange) =>
  `plan-preview:${change.subscription.id}:${change.target.priceId}:${change.target.quantity}`;

/**
 * Stripe's "now" for a subscription: its test clock's frozen time when it has one (test mode), else the
 * server's clock. Kept inside the item's current period, where Stripe accepts a `proration_date`.
 */
export async function stripeNowOf(
  rt: Runtime,
  subscription: Stripe.Subscription,
  item: Stripe.SubscriptionItem,
): Promise<number> {
  const clock = subscription.test_clock;
  const clockId = typeof clock === 'string' ? clock : (clock?.id ?? null);
  const now = clockId
    ? (await rt.stripe.testHelpers.testClocks.retrieve(clockId)).frozen_time
    : Math.floor(rt.now() / 1000);
  return Math.min(Math.max(now, item.current_period_start), item.current_period_end);
}

const stripeNow = (rt: Runtime, change: PlanChange) => stripeNowOf(rt, change.subscription, change.item);

const inPeriod = (change: PlanChange, date: number) =>
  date >= change.item.current_period_start && date <= change.item.current_period_end;

/** The proration date of a preview, remembered so the change that follows charges what the preview showed. */
export async function previewDate(rt: Runtime, change: PlanChange): Promise<number> {
  const date = await stripeNow(rt, change);
  await rt.store.set(previewKey(change), String(date), { ttlSeconds: PREVIEW_SECONDS });
  return date;
}

/**
 * The proration date a change uses: the one its preview used (a few minutes ago at most, and still in the
 * period), else now. Stripe's own advice for charging exactly what was shown.
 */
export async function changeDate(rt: Runtime, change: PlanChange): Promise<number> {
  const stored = Number(await rt.store.get(previewKey(change)));
  if (Number.isInteger(stored) && stored > 0 && inPeriod(change, stored)) return stored;
  return stripeNow(rt, change);
}

/** Forgets the preview once its change is applied, so a later change of the same kind is priced afresh. */
export async function forgetPreview(rt: Runtime, change: PlanChange): Promise<void> {
  await rt.store.delete(previewKey(change));
}
