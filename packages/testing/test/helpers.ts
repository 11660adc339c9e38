import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createStripeSimulator, type StripeSimulator, type StripeSimulatorOptions } from '../src/index';

export const PRICES: StripeSimulatorOptions['prices'] = [
  { id: 'price_basic', product: 'prod_basic', unit_amount: 1500, currency: 'usd' },
  {
    id: 'price_pro',
    product: 'prod_pro',
    unit_amount: 4900,
    currency: 'usd',
    recurring: { interval: 'month' },
  },
  { id: 'price_old', product: 'prod_basic', unit_amount: 900, currency: 'usd', active: false },
  { id: 'price_eur', product: 'prod_basic', unit_amount: 1000, currency: 'eur' },
];

export const PRODUCTS: StripeSimulatorOptions['products'] = [
  { id: 'prod_basic', name: 'Basic', description: 'The basic plan' },
  { id: 'prod_pro', name: 'Pro' },
];

/** A simulator served on 127.0.0.1 and a real Stripe client pointed at it, reset before each test. */
export function useSimulator(options: Partial<StripeSimulatorOptions> = {}) {
  const ctx = {} as { sim: StripeSimulator; stripe: Stripe; url: string; close: () => Promise<void> };
  beforeAll(async () => {
    ctx.sim = createStripeSimulator({ prices: PRICES, products: PRODUCTS, ...options });
    const server = await ctx.sim.listen();
    ctx.url = server.url;
    ctx.close = server.close;
    ctx.stripe = stripeFor(server.port);
  });
  beforeEach(() => ctx.sim.reset());
  afterAll(() => ctx.close());
  return ctx;
}

export function stripeFor(port: number, key = 'sk_test_simulator'): Stripe {
  return new Stripe(key, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
}

/** Asserts a promise rejects and returns the error for further checks. */
export async function rejection<T = Stripe.errors.StripeError>(promise: Promise<unknown>): Promise<T> {
  try {
    await promise;
  } catch (error) {
    return error as T;
  }
  throw new Error('expected the promise to reject');
}
