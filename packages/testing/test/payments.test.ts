import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from './helpers';

const DECLINES = [
  ['4000000000000002', 'pm_card_visa_chargeDeclined', 'card_declined', 'generic_decline'],
  ['4000000000009995', 'pm_card_visa_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
  ['4000000000009987', 'pm_card_visa_chargeDeclinedLostCard', 'card_declined', 'lost_card'],
  ['4000000000009979', 'pm_card_visa_chargeDeclinedStolenCard', 'card_declined', 'stolen_card'],
  ['4000000000000069', 'pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card'],
  ['4000000000000127', 'pm_card_chargeDeclinedIncorrectCvc', 'incorrect_cvc', 'incorrect_cvc'],
] as const;

describe('payment intents and test cards', () => {
  const ctx = useSimulator();

  const newIntent = (extra: Partial<Stripe.PaymentIntentCreateParams> = {}) =>
    ctx.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      metadata: { order: 'o_1' },
      ...extra,
    });

  it('creates a PaymentIntent with Stripe shape and confirms it with pm_card_visa', async () => {
    const pi = await newIntent();
    expect(pi).toMatchObject({
      object: 'payment_intent',
      amount: 1500,
      currency: 'usd',
      status: 'requires_payment_method',
      automatic_payment_methods: { enabled: true },
      metadata: { order: 'o_1' },
      livemode: false,
    });
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    const confirmed = await ctx.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    expect(confirmed.status).toBe('succeeded');
    expect(confirmed.amount_received).toBe(1500);
    expect(confirmed.payment_method).toMatch(/^pm_/);
    expect(confirmed.payment_method).not.toBe('pm_card_visa');
    expect(confirmed.latest_charge).toMatch(/^ch_/);
    const charge = await ctx.stripe.charges.retrieve(confirmed.latest_charge as string);
    expect(charge).toMatchObject({ amount: 1500, paid: true, status: 'succeeded', payment_intent: pi.id });
    expect((await ctx.stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
  });

  it('mints a fresh PaymentMethod each time a test id is used', async () => {
    const a = await ctx.stripe.paymentIntents.confirm((await newIntent()).id, {
      payment_method: 'pm_card_visa',
    });
    const b = await ctx.stripe.paymentIntents.confirm((await newIntent()).id, {
      payment_method: 'pm_card_visa',
    });
    expect(a.payment_method).not.toBe(b.payment_method);
    const pm = await ctx.stripe.paymentMethods.retrieve(a.payment_method as string);
    expect(pm.card).toMatchObject({ brand: 'visa', last4: '4242' });
  });

  for (const [number, pmId, code, declineCode] of DECLINES) {
    it(`declines ${number} (${pmId}) with ${code}/${declineCode}`, async () => {
      const pi = await newIntent();
      const error = await rejection<Stripe.errors.StripeCardError>(
        ctx.stripe.paymentIntents.confirm(pi.id, { payment_method: pmId }),
      );
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error.statusCode).toBe(402);
      expect(error.type).toBe('StripeCardError');
      expect(error.code).toBe(code);
      expect(error.decline_code).toBe(declineCode);
      expect(error.message).toMatch(/card/i);
      expect(error.payment_intent?.id).toBe(pi.id);
      expect(error.payment_intent?.status).toBe('requires_payment_method');
      const after = await ctx.stripe.paymentIntents.retrieve(pi.id);
      expect(after.status).toBe('requires_payment_method');
      expect(after.last_payment_error).toMatchObject({ type: 'card_error', code, decline_code: declineCode });
    });
  }

  it('declines raw card numbers sent by the browser the same way', async () => {
    const pi = await newIntent();
    const response = await fetch(`${ctx.url}/v1/payment_intents/${pi.id}/confirm`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer pk_test_browser',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        client_secret: pi.client_secret!,
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': '4000000000009995',
        'payment_method_data[card][exp_month]': '12',
        'payment_method_data[card][exp_year]': '2040',
        'payment_method_data[card][cvc]': '123',
        'payment_method_data[billing_details][address][postal_code]': '12345',
      }),
    });
    expect(response.status).toBe(402);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    });
    expect((body.error.payment_intent as { id: string }).id).toBe(pi.id);
  });

  it('keeps a 3-D Secure payment in requires_action until the challenge succeeds', async () => {
    for (const card of ['pm_card_authenticationRequired', 'pm_card_authenticationRequiredOnSetup']) {
      const pi = await newIntent();
      const confirmed = await ctx.stripe.paymentIntents.confirm(pi.id, { payment_method: card });
      expect(confirmed.status).toBe('requires_action');
      expect(confirmed.next_action).toMatchObject({
        type: 'use_stripe_sdk',
        use_stripe_sdk: { type: 'three_d_secure_redirect' },
      });
      expect((await ctx.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_action');
      const response = await fetch(`${ctx.url}/_simulator/3ds/${pi.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_secret: pi.client_secret, outcome: 'succeed' }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as Stripe.PaymentIntent).status).toBe('succeeded');
    }
  });

  it('returns a failed 3-D Secure challenge to requires_payment_method', async () => {
    const pi = await newIntent();
    await ctx.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_authenticationRequired' });
    const wrong = await fetch(`${ctx.url}/_simulator/3ds/${pi.id}`, {
      method: 'POST',
      body: JSON.stringify({ client_secret: 'nope', outcome: 'succeed' }),
    });
    expect(wrong.status).toBe(404);
    const response = await fetch(`${ctx.url}/_simulator/3ds/${pi.id}`, {
      method: 'POST',
      body: JSON.stringify({ client_secret: pi.client_secret, outcome: 'fail' }),
    });
    const failed = (await response.json()) as Stripe.PaymentIntent;
    expect(failed.status).toBe('requires_payment_method');
    expect(failed.last_payment_error?.code).toBe('payment_intent_authentication_failure');
  });

  it('charges 4000002500003155 off-session without a challenge once set up, and 3184 never', async () => {
    const customer = await ctx.stripe.customers.create({ email: 'c@d.e' });
    const si = await ctx.stripe.setupIntents.create({
      customer: customer.id,
      automatic_payment_methods: { enabled: true },
      usage: 'off_session',
    });
    const confirmed = await ctx.stripe.setupIntents.confirm(si.id, {
      payment_method: 'pm_card_authenticationRequiredOnSetup',
    });
    expect(confirmed.status).toBe('requires_action');
    const done = ctx.sim.authenticate(si.id, 'succeed');
    expect(done.status).toBe('succeeded');
    const pm = done.payment_method as string;
    const offSession = await ctx.stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      customer: customer.id,
      payment_method: pm,
      off_session: true,
      confirm: true,
    });
    expect(offSession.status).toBe('succeeded');

    const always = await ctx.stripe.paymentMethods.attach('pm_card_authenticationRequired', {
      customer: customer.id,
    });
    const error = await rejection<Stripe.errors.StripeCardError>(
      ctx.stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        customer: customer.id,
        payment_method: always.id,
        off_session: true,
        confirm: true,
      }),
    );
    expect(error.code).toBe('authentication_required');
  });

  it('saves the card to the customer with setup_future_usage', async () => {
    const customer = await ctx.stripe.customers.create({ email: 's@f.u' });
    const pi = await newIntent({ customer: customer.id, setup_future_usage: 'off_session' });
    const confirmed = await ctx.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    const saved = await ctx.stripe.customers.listPaymentMethods(customer.id, { limit: 100 });
    expect(saved.data.map((pm) => pm.id)).toEqual([confirmed.payment_method]);
    const expanded = await ctx.stripe.paymentIntents.retrieve(pi.id, {
      expand: ['customer', 'latest_charge'],
    });
    expect((expanded.customer as Stripe.Customer).email).toBe('s@f.u');
    expect((expanded.latest_charge as Stripe.Charge).amount_refunded).toBe(0);
  });

  it("refuses another customer's saved card", async () => {
    const owner = await ctx.stripe.customers.create({});
    const pm = await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: owner.id });
    const stranger = await ctx.stripe.customers.create({});
    for (const customer of [stranger.id, undefined]) {
      const pi = await newIntent(customer ? { customer } : {});
      const error = await rejection(ctx.stripe.paymentIntents.confirm(pi.id, { payment_method: pm.id }));
      expect(error).toMatchObject({ statusCode: 400, param: 'payment_method' });
    }
  });

  it('rejects amounts below the minimum and unknown intents', async () => {
    const small = await rejection(newIntent({ amount: 10 }));
    expect(small).toMatchObject({ statusCode: 400, code: 'amount_too_small', param: 'amount' });
    const missing = await rejection(ctx.stripe.paymentIntents.retrieve('pi_missing'));
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('lets a publishable key read an intent only with its client secret', async () => {
    const pi = await newIntent();
    const ok = await fetch(`${ctx.url}/v1/payment_intents/${pi.id}?client_secret=${pi.client_secret}`, {
      headers: { authorization: 'Bearer pk_test_x' },
    });
    expect(ok.status).toBe(200);
    const wrong = await fetch(`${ctx.url}/v1/payment_intents/${pi.id}?client_secret=${pi.id}_secret_wrong`, {
      headers: { authorization: 'Bearer pk_test_x' },
    });
    expect(wrong.status).toBe(404);
    const create = await fetch(`${ctx.url}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: 'Bearer pk_test_x', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=1000&currency=usd',
    });
    expect(create.status).toBe(401);
  });
});
