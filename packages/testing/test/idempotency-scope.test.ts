import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStripeSimulator, type StripeSimulator } from '../src/index';
import { PRICES, rejection, stripeFor, useConformance } from './helpers';

// Stripe's idempotency rules (docs.stripe.com/api/idempotent_requests): keys belong to the account, not to one
// API key; they are pruned once 24 hours old; a request refused by validation saves nothing under its key.
describe('idempotency keys as Stripe scopes and expires them', () => {
  let clock = Date.UTC(2026, 0, 1);
  let sim: StripeSimulator;
  let close: () => Promise<void>;
  let port: number;
  useConformance();
  beforeAll(async () => {
    sim = createStripeSimulator({ prices: PRICES, now: () => clock });
    const server = await sim.listen();
    port = server.port;
    close = server.close;
  });
  beforeEach(() => sim.reset());
  afterAll(() => close());

  it('shares keys between two API keys of one account, but not with a connected account', async () => {
    const secret = stripeFor(port, 'sk_test_first');
    const restricted = stripeFor(port, 'rk_test_second');
    const a = await secret.customers.create({ email: 'a@x.test' }, { idempotencyKey: 'shared' });
    const b = await restricted.customers.create({ email: 'a@x.test' }, { idempotencyKey: 'shared' });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers['idempotent-replayed']).toBe('true');
    const misuse = await rejection(
      restricted.customers.create({ email: 'other@x.test' }, { idempotencyKey: 'shared' }),
    );
    expect(misuse).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    const connected = await secret.customers.create(
      { email: 'a@x.test' },
      { idempotencyKey: 'shared', stripeAccount: 'acct_connected' },
    );
    expect(connected.id).not.toBe(a.id);
  });

  it('replays a key for 24 hours on the simulator clock, then runs it as a new request', async () => {
    const stripe = stripeFor(port);
    const first = await stripe.customers.create({ email: 'a@x.test' }, { idempotencyKey: 'daily' });
    clock += (24 * 3600 - 1) * 1000;
    const replay = await stripe.customers.create({ email: 'a@x.test' }, { idempotencyKey: 'daily' });
    expect(replay.id).toBe(first.id);
    clock += 1000;
    const fresh = await stripe.customers.create({ email: 'a@x.test' }, { idempotencyKey: 'daily' });
    expect(fresh.id).not.toBe(first.id);
    expect((await stripe.customers.list()).data).toHaveLength(2);
  });

  it('lets a corrected retry through after a validation error, but replays an error from execution', async () => {
    const stripe = stripeFor(port);
    const invalid = await rejection(
      stripe.paymentIntents.create(
        {
          amount: 1500,
          currency: 'usd',
          capture_method: 'sometimes',
        } as unknown as Stripe.PaymentIntentCreateParams,
        { idempotencyKey: 'fix-me' },
      ),
    );
    expect(invalid).toMatchObject({ statusCode: 400, param: 'capture_method' });
    const corrected = await stripe.paymentIntents.create(
      { amount: 1500, currency: 'usd', capture_method: 'manual' },
      { idempotencyKey: 'fix-me' },
    );
    expect(corrected.capture_method).toBe('manual');
    expect(corrected.lastResponse.headers['idempotent-replayed']).toBeUndefined();

    // A missing customer is found while the endpoint runs: Stripe saves that 400 and replays it.
    const missing = { amount: 1500, currency: 'usd', customer: 'cus_missing' };
    const first = await rejection(stripe.paymentIntents.create(missing, { idempotencyKey: 'saved' }));
    expect(first).toMatchObject({ statusCode: 400, code: 'resource_missing' });
    const again = await rejection<Stripe.errors.StripeError>(
      stripe.paymentIntents.create(missing, { idempotencyKey: 'saved' }),
    );
    expect(again.headers?.['idempotent-replayed']).toBe('true');
  });
});
