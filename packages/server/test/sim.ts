import { createStripeSimulator } from '@tollbooth/testing';
import type { TollboothConfig } from '../src/index';
import { recordingStripe, setup } from './helpers';

export const PRICES = [
  { id: 'price_basic', product: 'prod_basic', unit_amount: 1500, currency: 'usd' },
  {
    id: 'price_pro',
    product: 'prod_pro',
    unit_amount: 4900,
    currency: 'usd',
    recurring: { interval: 'month' as const },
  },
  { id: 'price_euro', product: 'prod_basic', unit_amount: 1000, currency: 'eur' },
  { id: 'price_old', product: 'prod_basic', unit_amount: 500, currency: 'usd', active: false },
  { id: 'price_stranger', product: 'prod_basic', unit_amount: 1, currency: 'usd' },
];

/**
 * The server wired to the Stripe simulator through the real SDK (its fetch HTTP client calls `sim.fetch`).
 * `admin` is a second SDK on the same simulator for arranging state; its calls stay out of `recorder`.
 */
export function simSetup(overrides: Partial<TollboothConfig> = {}, searchDelaySeconds = 0) {
  const sim = createStripeSimulator({
    searchDelaySeconds,
    products: [
      { id: 'prod_basic', name: 'Basic', description: 'The basic plan' },
      { id: 'prod_pro', name: 'Pro' },
    ],
    prices: PRICES,
  });
  const recorder = recordingStripe((request) => sim.fetch(request));
  const admin = recordingStripe((request) => sim.fetch(request), 'sk_test_admin').stripe;
  // With the default catalog Pro is a plan, so the plan-change routes have a valid request too (pipeline fixtures).
  const plans = overrides.catalog ? {} : { plans: { pro: { prices: ['pro'] } } };
  const t = setup({ stripe: recorder.stripe, ...plans, ...overrides });
  /** Stripe writes the server made since `mark()`; the simulator's own log is the source. */
  const mark = () => {
    const start = sim.requests.length;
    return () =>
      sim.requests.slice(start).filter((r) => r.method !== 'GET' && r.apiKey === 'sk_test_tollbooth_unit');
  };
  /** A customer for `userId` with the metadata the default mapping searches for (the store knows nothing yet). */
  async function customerFor(userId: string, appId = 'default'): Promise<string> {
    const customer = await admin.customers.create({
      metadata: { tollbooth_app: appId, tollbooth_owner: `user:${userId}`, tollbooth_user_id: userId },
    });
    return customer.id;
  }
  async function cardFor(customer: string): Promise<string> {
    const pm = await admin.paymentMethods.attach('pm_card_visa', { customer });
    return pm.id;
  }
  async function subscriptionFor(customer: string): Promise<string> {
    const pm = await cardFor(customer);
    await admin.customers.update(customer, { invoice_settings: { default_payment_method: pm } });
    const sub = await admin.subscriptions.create({ customer, items: [{ price: 'price_pro' }] });
    return sub.id;
  }
  async function paidIntent(amount: number, customer?: string): Promise<string> {
    const pi = await admin.paymentIntents.create({
      amount,
      currency: 'usd',
      ...(customer ? { customer } : {}),
    });
    const confirmed = await admin.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    return confirmed.id;
  }
  return { ...t, sim, recorder, admin, mark, customerFor, cardFor, subscriptionFor, paidIntent };
}
