import type Stripe from 'stripe';
import { conflict } from '../_internal/errors';
import type { ActionContext, Runtime } from '../_internal/runtime';
import type { PricedOrder } from '../types';
import { withLock } from './lock';

type Session = Stripe.Checkout.Session;

/** Statuses in which a subscription still holds its plan: a new checkout would make a second one. */
const LIVE = new Set(['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'paused']);

/** Promotion codes and automatic tax, as configured (both off by default). A setup session has neither. */
export function applyCheckoutOptions(rt: Runtime, params: Stripe.Checkout.SessionCreateParams): void {
  if (params.mode === 'setup') return;
  if (rt.checkout.allowPromotionCodes) params.allow_promotion_codes = true;
  if (rt.checkout.automaticTax) {
    params.automatic_tax = { enabled: true };
    // Stripe Tax needs the address Checkout collects saved on an existing customer.
    if (params.customer) params.customer_update = { address: 'auto', name: 'auto' };
  }
}

const sessionKey = (customer: string) => `plan-checkout:${customer}`;

/** The open session this owner already has for the same items, which a second request answers with. */
async function openSession(rt: Runtime, customer: string, params: Stripe.Checkout.SessionCreateParams) {
  const id = await rt.store.get(sessionKey(customer));
  if (!id) return null;
  const session = await rt.stripe.checkout.sessions
    .retrieve(id, { expand: ['line_items'] })
    .catch(() => null);
  if (session?.status !== 'open') return null;
  const wanted = JSON.stringify(params.line_items?.map((i) => [i.price, i.quantity]));
  const has = JSON.stringify(session.line_items?.data.map((i) => [i.price?.id, i.quantity]));
  const reusable =
    wanted === has && (session.ui_mode === 'embedded_page' ? session.client_secret : session.url);
  if (reusable) return session;
  // Another plan chosen in the meantime: only the newest session may still become a subscription.
  await rt.stripe.checkout.sessions.expire(session.id).catch(() => undefined);
  return null;
}

/**
 * A subscription checkout for a plan: one live subscription per owner (a plan change moves it, a checkout
 * would add a second, billed twice), the plan's trial only if this customer never had one (Stripe's past
 * subscriptions are the record, so a wiped store grants nothing twice), and at most one open session per owner
 * (two tabs, or parallel requests, end in one subscription). Runs under a per-customer lock; the trial is
 * written into `params`, which `create` sends.
 */
export async function planCheckout(
  ctx: ActionContext<'checkout.create'>,
  order: PricedOrder,
  params: Stripe.Checkout.SessionCreateParams,
  customer: string,
  create: () => Promise<Session>,
): Promise<Session> {
  const { rt } = ctx;
  const plans = order.items.map((i) => rt.plans.byPriceId.get(i.price)).filter((p) => p !== undefined);
  if (plans.length === 0) return create();
  return withLock(rt, `plan-checkout-lock:${customer}`, async () => {
    const history = await rt.stripe.subscriptions
      .list({ customer, status: 'all', limit: 100 })
      .autoPagingToArray({ limit: 1000 });
    const onPlan = (s: Stripe.Subscription) => s.items.data.some((i) => rt.plans.byPriceId.has(i.price.id));
    if (history.some((s) => LIVE.has(s.status) && onPlan(s))) {
      throw conflict('You already have a subscription. Change its plan instead of subscribing again.');
    }
    const trialDays = plans[0]?.trialDays ?? null;
    if (trialDays !== null && !history.some((s) => s.trial_start !== null)) {
      params.subscription_data = { ...params.subscription_data, trial_period_days: trialDays };
    }
    const open = await openSession(rt, customer, params);
    if (open) return open;
    const session = await create();
    await rt.store.set(sessionKey(customer), session.id, { ttlSeconds: 24 * 60 * 60 });
    return session;
  });
}
