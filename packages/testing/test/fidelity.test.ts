import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createStripeSimulator } from '../src/index';
import { rejection, useSimulator } from './helpers';

// Behaviours where the simulator used to differ from Stripe (issue 13, "What is wrong today" 3 and 5).
describe('payment behaviour as Stripe has it', () => {
  const ctx = useSimulator();

  it('turns automatic payment methods on for a new PaymentIntent unless told otherwise', async () => {
    const plain = await ctx.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
    expect(plain.automatic_payment_methods).toEqual({ enabled: true, allow_redirects: 'always' });
    const never = await ctx.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(never.automatic_payment_methods).toEqual({ enabled: true, allow_redirects: 'never' });
    const off = await ctx.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      automatic_payment_methods: { enabled: false },
    });
    expect(off.automatic_payment_methods).toEqual({ enabled: false });
  });

  it('captures only amount_to_capture, on the charge authorised at confirmation', async () => {
    const pi = await ctx.stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      capture_method: 'manual',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(pi).toMatchObject({ status: 'requires_capture', amount_capturable: 5000 });
    const authorised = await ctx.stripe.charges.retrieve(pi.latest_charge as string);
    expect(authorised).toMatchObject({ captured: false, amount_captured: 0, amount: 5000 });
    const tooMuch = await rejection(ctx.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 6000 }));
    expect(tooMuch).toMatchObject({ statusCode: 400, param: 'amount_to_capture' });
    const captured = await ctx.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 3000 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 3000, amount_capturable: 0 });
    const charge = await ctx.stripe.charges.retrieve(captured.latest_charge as string);
    expect(charge).toMatchObject({ id: authorised.id, captured: true, amount_captured: 3000 });
    const refund = await rejection(ctx.stripe.refunds.create({ payment_intent: pi.id, amount: 3001 }));
    expect(refund).toMatchObject({ code: 'amount_too_large' });
    expect(ctx.sim.events.map((e) => e.type)).toContain('charge.captured');
  });

  it('answers a server-side 3-D Secure confirm with return_url with redirect_to_url', async () => {
    const pi = await ctx.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
    const confirmed = await ctx.stripe.paymentIntents.confirm(pi.id, {
      payment_method: 'pm_card_threeDSecure2Required',
      return_url: 'https://shop.test/return',
    });
    expect(confirmed.status).toBe('requires_action');
    expect(confirmed.next_action?.type).toBe('redirect_to_url');
    expect(confirmed.next_action?.redirect_to_url).toMatchObject({ return_url: 'https://shop.test/return' });
    expect(confirmed.next_action?.redirect_to_url?.url).toContain(`/_simulator/3ds/${pi.id}`);
    // Without a return_url (or from Stripe.js) the challenge is handled in the page: use_stripe_sdk.
    const other = await ctx.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
    const inPage = await ctx.stripe.paymentIntents.confirm(other.id, {
      payment_method: 'pm_card_threeDSecure2Required',
    });
    expect(inPage.next_action?.type).toBe('use_stripe_sdk');
  });

  it('names the failed charge on a card error, with brand and last4 on the charge', async () => {
    const pi = await ctx.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
    const error = await rejection<Stripe.errors.StripeCardError>(
      ctx.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa_chargeDeclined' }),
    );
    expect(error.charge).toMatch(/^ch_/);
    const charge = await ctx.stripe.charges.retrieve(error.charge!);
    expect(charge).toMatchObject({ status: 'failed', failure_code: 'card_declined' });
    expect(charge.payment_method_details?.card).toMatchObject({ brand: 'visa', last4: '0002' });
    expect((await ctx.stripe.paymentIntents.retrieve(pi.id)).last_payment_error?.charge).toBe(error.charge);
  });

  it("accepts payment_method_data with a test token, as Stripe's testing docs show", async () => {
    const pi = await ctx.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      confirm: true,
      payment_method_data: { type: 'card', card: { token: 'tok_visa' } },
    } as unknown as Stripe.PaymentIntentCreateParams);
    expect(pi.status).toBe('succeeded');
    const charge = await ctx.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.payment_method_details?.card).toMatchObject({ brand: 'visa', last4: '4242' });
    const unknown = await rejection(
      ctx.stripe.paymentIntents.create({
        amount: 1500,
        currency: 'usd',
        confirm: true,
        payment_method_data: { type: 'card', card: { token: 'tok_nonsense' } },
      } as unknown as Stripe.PaymentIntentCreateParams),
    );
    expect(unknown).toMatchObject({ statusCode: 400, code: 'resource_missing' });
  });
});

describe('createStripeSimulator options', () => {
  it('works with no options or an empty object: every option is optional', async () => {
    for (const sim of [createStripeSimulator(), createStripeSimulator({})]) {
      const response = await sim.fetch(
        new Request('https://api.stripe.com/v1/prices', { headers: { authorization: 'Bearer sk_test_x' } }),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ object: 'list', data: [] });
    }
  });
});
