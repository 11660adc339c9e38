import { setupServer } from 'msw/node';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeSimulator } from '../src/index';
import { simulatorHandlers } from '../src/msw';
import { PRICES, PRODUCTS, rejection } from './helpers';

describe('the same client through msw', () => {
  const sim = createStripeSimulator({ prices: PRICES, products: PRODUCTS });
  const server = setupServer(...simulatorHandlers(sim));
  const stripe = new Stripe('sk_test_msw', { maxNetworkRetries: 0 });

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('serves the default api.stripe.com client', async () => {
    const price = await stripe.prices.retrieve('price_basic', { expand: ['product'] });
    expect((price.product as Stripe.Product).name).toBe('Basic');
    const customer = await stripe.customers.create({ email: 'm@s.w' }, { idempotencyKey: 'msw-1' });
    const pi = await stripe.paymentIntents.create({ amount: 2500, currency: 'usd', customer: customer.id });
    const error = await rejection<Stripe.errors.StripeCardError>(
      stripe.paymentIntents.confirm(pi.id, {
        payment_method: 'pm_card_visa_chargeDeclinedInsufficientFunds',
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error.decline_code).toBe('insufficient_funds');
    expect(sim.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/v1/payment_intents/${pi.id}/confirm`,
    });
  });

  it('serves hosted pages at the base URL and reports dropped connections', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: 'price_basic', quantity: 1 }],
      ui_mode: 'hosted_page',
      success_url: 'https://shop.example.com/ok',
    });
    expect(session.url).toBe(`https://stripe-simulator.test/_simulator/checkout/${session.id}`);
    expect((await fetch(session.url!)).status).toBe(200);
    // Through msw a drop is a network error without ECONNRESET, so stripe-node does not retry it: one drop suffices.
    sim.faults.inject({ path: '/v1/customers', times: 1, drop: true });
    expect(await rejection(stripe.customers.create({}))).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(sim.faults.pending).toHaveLength(0);
    sim.faults.inject({ path: '/v1/customers', times: 1, status: 429 });
    expect(await rejection(stripe.customers.create({}))).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
  });
});
