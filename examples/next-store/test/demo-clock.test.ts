import { createStripeSimulator } from '@tollbooth/testing';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { advanceDemoClock, clockedFetch, oneMonthLater } from '../server/demo-clock';
import { readMode } from '../server/env';
import { baseUrl, signIn } from './helpers';

describe('the demo clock (server/demo-clock.ts, POST /api/demo/clock)', () => {
  const sim = createStripeSimulator({
    searchDelaySeconds: 0,
    prices: [
      {
        id: 'price_club',
        product: 'prod_club',
        unit_amount: 1500,
        currency: 'usd',
        recurring: { interval: 'month' },
      },
    ],
  });
  const server = sim.listen();
  afterAll(async () => (await server).close());
  const client = async () =>
    new Stripe('sk_test_simulator', {
      host: '127.0.0.1',
      port: (await server).port,
      protocol: 'http',
      maxNetworkRetries: 0,
      httpClient: Stripe.createFetchHttpClient(clockedFetch()),
    });

  it('refuses with real Stripe keys, before any Stripe call', async () => {
    const untouchable = new Proxy({} as Stripe, {
      get: () => {
        throw new Error('no Stripe call may happen with real keys');
      },
    });
    // The keys make the app leave the simulator (server/env.ts), and with it the clock.
    const mode = readMode({
      STRIPE_SECRET_KEY: 'sk_test_x',
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
    });
    await expect(advanceDemoClock(mode, untouchable, 'sub_123')).resolves.toEqual({
      kind: 'refused',
      status: 404,
      message: expect.stringMatching(/only exists on the offline simulator/),
    });
  });

  it('puts each new customer on its own clock, and a retry with the same key on the same one', async () => {
    const stripe = await client();
    const first = await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'k1' });
    const again = await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'k1' });
    const other = await stripe.customers.create({ email: 'b@example.com' });
    expect(typeof first.test_clock).toBe('string');
    expect(again.id).toBe(first.id);
    expect(other.test_clock).not.toBe(first.test_clock);
  });

  it('moves the clock a month and a day on, and bills the renewal that fell due', async () => {
    const stripe = await client();
    const customer = await stripe.customers.create({});
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_club' }],
      default_payment_method: pm.id,
    });
    const before = await stripe.testHelpers.testClocks.retrieve(String(customer.test_clock));
    const mode = { kind: 'simulator', webhookSecret: undefined } as const;
    const result = await advanceDemoClock(mode, stripe, subscription.id);
    expect(result).toMatchObject({ kind: 'advanced', frozenTime: oneMonthLater(before.frozen_time) });
    const invoices = await stripe.invoices.list({ subscription: subscription.id });
    expect(invoices.data.map((i) => [i.billing_reason, i.status])).toEqual([
      ['subscription_cycle', 'paid'],
      ['subscription_create', 'paid'],
    ]);
    await expect(advanceDemoClock(mode, stripe, null)).resolves.toMatchObject({ status: 409 });
  });

  it('the route refuses a guest and a cross-site form', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${baseUrl}/api/demo/clock`, { method: 'POST', headers, redirect: 'manual' });
    expect((await post({ origin: baseUrl })).status).toBe(401);
    const cookie = await signIn('bob');
    expect((await post({ origin: 'https://evil.example', cookie })).status).toBe(403);
  });
});
