import type { BillingState, BillingStatus, BillingSubscription, ScheduledChange } from '@tollbooth/core';
import type Stripe from 'stripe';
import type { ResolvedPlans } from './plans';

type KnownStatus =
  | 'active'
  | 'trialing'
  | 'past_due'
  | 'unpaid'
  | 'paused'
  | 'incomplete'
  | 'canceled'
  | 'incomplete_expired';

/** How much a subscription's status says about the customer now: live ones first, then the ended ones. */
const RANK: Record<KnownStatus, number> = {
  active: 0,
  trialing: 0,
  past_due: 1,
  unpaid: 2,
  paused: 2,
  incomplete: 3,
  canceled: 4,
  incomplete_expired: 4,
};

/** Stripe's statuses in `BillingStatus` terms: an expired first payment ended it, a paused one grants nothing. */
const STATUS: Record<KnownStatus, Exclude<BillingStatus, 'none'>> = {
  active: 'active',
  trialing: 'trialing',
  past_due: 'past_due',
  unpaid: 'unpaid',
  paused: 'unpaid',
  incomplete: 'incomplete',
  canceled: 'canceled',
  incomplete_expired: 'canceled',
};

// A status newer than this code (Stripe adds some over time) ranks last and grants nothing until it is known.
const rank = (status: string) => RANK[status as KnownStatus] ?? 5;
const statusOf = (status: string) => STATUS[status as KnownStatus] ?? 'incomplete';

/** The statuses in which the subscribed plan applies; Stripe is still retrying a `past_due` payment. */
const ENTITLED = new Set<BillingStatus>(['active', 'trialing', 'past_due']);

export interface NormaliseInput {
  subscriptions: readonly Stripe.Subscription[];
  /** Schedules of those subscriptions, by id (only the ones that have one). */
  schedules: ReadonlyMap<string, Stripe.SubscriptionSchedule>;
  plans: ResolvedPlans;
  keysByPrice: ReadonlyMap<string, string>;
  /** Unix seconds of the Stripe read. */
  syncedAt: number | null;
}

/** The state of a customer without a subscription (or of a user without a customer). */
export function noneState(plans: ResolvedPlans, syncedAt: number | null): BillingState {
  const plan = plans.fallback;
  return {
    plan: plan?.key ?? null,
    status: 'none',
    features: [...(plan?.features ?? [])],
    limits: { ...(plan?.limits ?? {}) },
    subscription: null,
    syncedAt,
  };
}

/** The subscription item that decides the plan: the first priced in a plan, else the first. */
function planItem(plans: ResolvedPlans, sub: Stripe.Subscription): Stripe.SubscriptionItem | undefined {
  return sub.items.data.find((item) => plans.byPriceId.has(item.price.id)) ?? sub.items.data[0];
}

/**
 * One normalised record from what Stripe holds now. Only subscriptions to a plan's price count once plans with
 * prices are configured (a donation subscription is no plan); without such plans every subscription counts.
 */
export function normalise(input: NormaliseInput): BillingState {
  const { plans, keysByPrice } = input;
  const counts = (sub: Stripe.Subscription) =>
    plans.byPriceId.size === 0 || sub.items.data.some((item) => plans.byPriceId.has(item.price.id));
  const chosen = input.subscriptions
    .filter(counts)
    .sort((a, b) => rank(a.status) - rank(b.status) || b.created - a.created || (a.id < b.id ? 1 : -1))[0];
  if (!chosen) return noneState(plans, input.syncedAt);
  const item = planItem(plans, chosen);
  const priceId = item?.price.id ?? '';
  const status = statusOf(chosen.status);
  const subscribed = plans.byPriceId.get(priceId) ?? null;
  const plan = ENTITLED.has(status) ? subscribed : plans.fallback;
  const subscription: BillingSubscription = {
    id: chosen.id,
    price: keysByPrice.get(priceId) ?? priceId,
    status,
    currentPeriodEnd: item?.current_period_end ?? 0,
    cancelAtPeriodEnd: chosen.cancel_at_period_end,
    trialEnd: chosen.trial_end ?? null,
    quantity: item?.quantity ?? 1,
    scheduledChange: scheduledChange(input, chosen, priceId),
  };
  return {
    plan: plan?.key ?? null,
    status,
    features: [...(plan?.features ?? [])],
    limits: { ...(plan?.limits ?? {}) },
    subscription,
    syncedAt: input.syncedAt,
  };
}

/**
 * The next phase of the subscription's schedule when it moves to another price or another number of seats (a
 * scheduled downgrade), else `null`.
 */
export function scheduledChange(
  input: Pick<NormaliseInput, 'schedules' | 'plans' | 'keysByPrice'>,
  sub: Stripe.Subscription,
  priceId: string,
): ScheduledChange | null {
  const scheduleId = typeof sub.schedule === 'string' ? sub.schedule : (sub.schedule?.id ?? null);
  const schedule = scheduleId ? input.schedules.get(scheduleId) : undefined;
  if (!schedule) return null;
  const currentStart = schedule.current_phase?.start_date ?? 0;
  const next = schedule.phases
    .filter((phase) => phase.start_date > currentStart)
    .sort((a, b) => a.start_date - b.start_date)[0];
  const nextItem = next?.items[0];
  const nextPriceId = typeof nextItem?.price === 'string' ? nextItem.price : (nextItem?.price?.id ?? null);
  const quantity = nextItem?.quantity ?? 1;
  const item = sub.items.data.find((i) => i.price.id === priceId);
  if (!next || !nextPriceId) return null;
  if (nextPriceId === priceId && quantity === (item?.quantity ?? 1)) return null;
  return {
    plan: input.plans.byPriceId.get(nextPriceId)?.key ?? null,
    price: input.keysByPrice.get(nextPriceId) ?? nextPriceId,
    quantity,
    effectiveAt: next.start_date,
  };
}
