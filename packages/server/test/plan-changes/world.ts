import type { BillingState, SubscriptionChangePreview, SubscriptionSummary } from '@tollbooth/core';
import { createStripeSimulator } from '@tollbooth/testing';
import type Stripe from 'stripe';
import type { TollboothConfig } from '../../src/index';
import { call, recordingStripe, setup } from '../helpers';

export const DAY = 86_400;
/** 2026-01-15 09:00 UTC: a mid-month start, so month lengths differ between periods. */
export const START = Math.floor(Date.UTC(2026, 0, 15, 9) / 1000);

const PRODUCTS = [
  { id: 'prod_pro', name: 'Pro' },
  { id: 'prod_team', name: 'Team' },
  { id: 'prod_seat', name: 'Seat' },
  { id: 'prod_mug', name: 'Mug' },
];
const month = { interval: 'month' as const };
const PRICES = [
  { id: 'price_pro', product: 'prod_pro', unit_amount: 4900, currency: 'usd', recurring: month },
  { id: 'price_team', product: 'prod_team', unit_amount: 9900, currency: 'usd', recurring: month },
  {
    id: 'price_pro_yearly',
    product: 'prod_pro',
    unit_amount: 49000,
    currency: 'usd',
    recurring: { interval: 'year' as const },
  },
  { id: 'price_seat', product: 'prod_seat', unit_amount: 1000, currency: 'usd', recurring: month },
  { id: 'price_gold', product: 'prod_team', unit_amount: 2000, currency: 'eur', recurring: month },
  { id: 'price_extra', product: 'prod_mug', unit_amount: 700, currency: 'usd', recurring: month },
  { id: 'price_mug', product: 'prod_mug', unit_amount: 1500, currency: 'usd' },
];

/** The plans every test here uses: a free default, Pro (with a trial), Team, and a per-seat plan. */
export const PLAN_CONFIG = {
  catalog: {
    prices: {
      pro: 'price_pro',
      pro_yearly: 'price_pro_yearly',
      team: 'price_team',
      seat: 'price_seat',
      gold: 'price_gold',
      extra: 'price_extra',
      mug: 'price_mug',
    },
  },
  plans: {
    free: { features: [] },
    pro: { prices: ['pro', 'pro_yearly'], features: ['export'], trialDays: 14 },
    team: { prices: ['team'], features: ['export', 'sso'] },
    seats: { prices: ['seat'] },
    gold: { prices: ['gold'] },
  },
} satisfies Partial<TollboothConfig>;

/**
 * The server on the simulator through the real SDK, with customers on test clocks so renewals and scheduled
 * changes happen as time passes. `admin` arranges state; its calls stay out of `writes()`.
 */
export function planWorld(overrides: Partial<TollboothConfig> = {}) {
  const sim = createStripeSimulator({ products: PRODUCTS, prices: PRICES, searchDelaySeconds: 0 });
  const recorder = recordingStripe((request) => sim.fetch(request));
  const admin = recordingStripe((request) => sim.fetch(request), 'sk_test_admin').stripe;
  const t = setup({ stripe: recorder.stripe, ...PLAN_CONFIG, ...overrides } as Partial<TollboothConfig>);

  /** Stripe writes the server made since `mark()`. */
  const mark = () => {
    const start = sim.requests.length;
    return () =>
      sim.requests.slice(start).filter((r) => r.method !== 'GET' && r.apiKey === 'sk_test_tollbooth_unit');
  };

  /** A customer of `user` on a fresh test clock at `START`, with `card` as the default payment method. */
  async function customer(
    user: string,
    card = 'pm_card_visa',
  ): Promise<{ clock: Stripe.TestHelpers.TestClock; customer: string }> {
    const clock = await admin.testHelpers.testClocks.create({ frozen_time: START });
    const created = await admin.customers.create({
      test_clock: clock.id,
      metadata: { tollbooth_app: 'default', tollbooth_owner: `user:${user}`, tollbooth_user_id: user },
    });
    const pm = await admin.paymentMethods.attach(card, { customer: created.id });
    await admin.customers.update(created.id, { invoice_settings: { default_payment_method: pm.id } });
    return { clock, customer: created.id };
  }

  /** `user` subscribed to `price` (× `quantity`) at `START`. */
  async function subscriber(
    user: string,
    price = 'price_pro',
    quantity = 1,
    card = 'pm_card_visa',
  ): Promise<{ clock: Stripe.TestHelpers.TestClock; customer: string; sub: Stripe.Subscription }> {
    const c = await customer(user, card);
    const sub = await admin.subscriptions.create({ customer: c.customer, items: [{ price, quantity }] });
    return { ...c, sub };
  }

  async function advance(clockId: string, frozenTime: number): Promise<void> {
    let clock = await admin.testHelpers.testClocks.advance(clockId, { frozen_time: frozenTime });
    while (clock.status !== 'ready') clock = await admin.testHelpers.testClocks.retrieve(clockId);
  }

  const post = (path: string, body: unknown, user: string, idempotencyKey?: string) =>
    t.tollbooth.handle(call(path, { body, user, ...(idempotencyKey ? { idempotencyKey } : {}) }));

  async function preview(user: string, subId: string, body: unknown) {
    const res = await post(`/subscriptions/${subId}/change/preview`, body, user);
    return { status: res.status, body: (await res.json()) as SubscriptionChangePreview };
  }

  async function change(user: string, subId: string, body: unknown) {
    const res = await post(`/subscriptions/${subId}/change`, body, user);
    return { status: res.status, body: (await res.json()) as SubscriptionSummary & Record<string, unknown> };
  }

  /** The billing state after a fresh read of Stripe, as a webhook would leave it. */
  async function billing(customerId: string): Promise<BillingState> {
    return t.tollbooth.sync(customerId);
  }

  return { ...t, sim, admin, mark, customer, subscriber, advance, post, preview, change, billing };
}
