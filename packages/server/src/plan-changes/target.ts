import type { SubscriptionChangeRequest } from '@tollbooth/core';
import type Stripe from 'stripe';
import { type CachedPrice, loadPrice } from '../_internal/catalog';
import { conflict, invalidRequest } from '../_internal/errors';
import type { Runtime } from '../_internal/runtime';

/** What a change does, decided on the server from Stripe's prices (never from the client). */
export type ChangeKind = 'upgrade' | 'downgrade' | 'undo' | 'unchanged';

/** The loaded subscription and what the request asks of it: the `resource` both change actions authorize. */
export interface PlanChange {
  subscription: Stripe.Subscription;
  /** The item priced in a plan: the one a change replaces. */
  item: Stripe.SubscriptionItem;
  /** Tollbooth's schedule on the subscription (a pending downgrade), if any. */
  schedule: Stripe.SubscriptionSchedule | null;
  kind: ChangeKind;
  target: { key: string; priceId: string; quantity: number };
  /** The price the schedule moves to at the period end, if one is scheduled. */
  scheduledPriceId: string | null;
}

/** Written on every schedule Tollbooth creates, so it only ever releases or rewrites its own. */
export const SCHEDULE_OWNER_KEY = 'tollbooth_plan_change';

const MONTHS: Record<NonNullable<CachedPrice['interval']>, number> = {
  day: 12 / 365,
  week: 12 / 52,
  month: 1,
  year: 12,
};

/** The price per month of `quantity` units: how upgrade and downgrade are told apart across intervals. */
export function monthly(price: CachedPrice, quantity: number): number {
  const months = MONTHS[price.interval ?? 'month'] * (price.intervalCount ?? 1);
  return ((price.unitAmount ?? 0) * quantity) / months;
}

const idOf = (ref: string | { id: string } | null | undefined) =>
  typeof ref === 'string' ? ref : (ref?.id ?? null);

/** The phase after the current one, and its price, when the schedule changes the price or the seats. */
export function nextPhase(schedule: Stripe.SubscriptionSchedule | null) {
  if (schedule?.status !== 'active') return null;
  const start = schedule.current_phase?.start_date ?? 0;
  const next = schedule.phases
    .filter((p) => p.start_date > start)
    .sort((a, b) => a.start_date - b.start_date)[0];
  const item = next?.items[0];
  if (!next || !item) return null;
  return { phase: next, priceId: idOf(item.price), quantity: item.quantity ?? 1 };
}

/**
 * Checks the target against `plans` and the subscription, and classifies the change. A price outside every
 * plan, another currency, or a subscription that is not on a plan is a 400 before `authorize` is asked.
 */
export async function resolveChange(
  rt: Runtime,
  subscription: Stripe.Subscription,
  schedule: Stripe.SubscriptionSchedule | null,
  input: SubscriptionChangeRequest,
): Promise<PlanChange> {
  const targetId = rt.prices.get(input.price);
  if (targetId === undefined || !rt.plans.byPriceId.has(targetId)) {
    throw invalidRequest(`"${input.price}" is not a price of any plan.`);
  }
  const item = subscription.items.data.find((i) => rt.plans.byPriceId.has(i.price.id));
  if (!item) throw invalidRequest('This subscription is not on a plan, so it cannot change plans.');
  const [current, target] = await Promise.all([loadPrice(rt, item.price.id), loadPrice(rt, targetId)]);
  if (!target.active || target.interval === null || target.unitAmount === null) {
    throw invalidRequest(`"${input.price}" is not available.`);
  }
  if (target.currency !== current.currency) {
    throw invalidRequest('A plan change cannot change the currency of a subscription.');
  }
  if (schedule && schedule.metadata?.[SCHEDULE_OWNER_KEY] !== 'true') {
    throw conflict('This subscription follows a schedule set up outside the app; change it there.');
  }
  const quantity = input.quantity ?? item.quantity ?? 1;
  const next = nextPhase(schedule);
  const same = targetId === item.price.id && quantity === (item.quantity ?? 1);
  let kind: ChangeKind;
  if (same) kind = next ? 'undo' : 'unchanged';
  else if (monthly(target, quantity) >= monthly(current, item.quantity ?? 1)) kind = 'upgrade';
  else kind = 'downgrade';
  return {
    subscription,
    item,
    schedule,
    kind,
    target: { key: input.price, priceId: targetId, quantity },
    scheduledPriceId: next?.priceId ?? null,
  };
}
