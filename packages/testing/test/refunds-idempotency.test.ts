import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from './helpers';

describe('refunds and idempotency', () => {
  const ctx = useSimulator();

  const paidIntent = async (amount = 5000) => {
    const pi = await ctx.stripe.paymentIntents.create({
      amount,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
    });
    return ctx.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
  };

  it('refunds part, then the rest, and never more than was captured', async () => {
    const pi = await paidIntent(5000);
    const partial = await ctx.stripe.refunds.create(
      { payment_intent: pi.id, amount: 2000, reason: 'requested_by_customer', metadata: { by: 'support' } },
      { idempotencyKey: 'refund-1' },
    );
    expect(partial).toMatchObject({
      object: 'refund',
      amount: 2000,
      currency: 'usd',
      status: 'succeeded',
      payment_intent: pi.id,
      reason: 'requested_by_customer',
      metadata: { by: 'support' },
    });
    const tooMuch = await rejection(ctx.stripe.refunds.create({ payment_intent: pi.id, amount: 3001 }));
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
    const rest = await ctx.stripe.refunds.create({ payment_intent: pi.id });
    expect(rest.amount).toBe(3000);
    const charge = await ctx.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({ amount_refunded: 5000, refunded: true });
    const done = await rejection(ctx.stripe.refunds.create({ payment_intent: pi.id, amount: 1 }));
    expect(done).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });
    const listed = await ctx.stripe.refunds.list({ payment_intent: pi.id });
    expect(listed.data.map((r) => r.amount)).toEqual([3000, 2000]);
  });

  it('serialises parallel refunds so their sum never exceeds the charge', async () => {
    const pi = await paidIntent(5000);
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, () => ctx.stripe.refunds.create({ payment_intent: pi.id, amount: 700 })),
    );
    const ok = attempts.filter((a) => a.status === 'fulfilled');
    expect(ok).toHaveLength(7);
    const charge = await ctx.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.amount_refunded).toBe(4900);
  });

  it('refuses to refund an unpaid intent', async () => {
    const pi = await ctx.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    const error = await rejection(ctx.stripe.refunds.create({ payment_intent: pi.id }));
    expect(error).toMatchObject({ statusCode: 400 });
  });

  it('replays the stored response for the same key and params', async () => {
    const first = await ctx.stripe.customers.create({ email: 'i@d.em' }, { idempotencyKey: 'key-1' });
    const second = await ctx.stripe.customers.create({ email: 'i@d.em' }, { idempotencyKey: 'key-1' });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect((await ctx.stripe.customers.list()).data).toHaveLength(1);
  });

  it('replays errors too, and rejects the same key with other params', async () => {
    const pi = await ctx.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    const a = await rejection<Stripe.errors.StripeCardError>(
      ctx.stripe.paymentIntents.confirm(
        pi.id,
        { payment_method: 'pm_card_visa_chargeDeclined' },
        { idempotencyKey: 'c-1' },
      ),
    );
    const b = await rejection<Stripe.errors.StripeCardError>(
      ctx.stripe.paymentIntents.confirm(
        pi.id,
        { payment_method: 'pm_card_visa_chargeDeclined' },
        { idempotencyKey: 'c-1' },
      ),
    );
    expect(b.decline_code).toBe(a.decline_code);
    expect(b.headers?.['idempotent-replayed']).toBe('true');
    const conflict = await rejection(
      ctx.stripe.customers.create({ email: 'other@x.y' }, { idempotencyKey: 'c-1' }),
    );
    expect(conflict).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(conflict).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });
  });

  it('creates one object for ten parallel duplicates', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        ctx.stripe.checkout.sessions.create(
          {
            mode: 'payment',
            line_items: [{ price: 'price_basic', quantity: 1 }],
            ui_mode: 'hosted_page',
            success_url: 'https://s.example/ok',
          },
          { idempotencyKey: 'parallel' },
        ),
      ),
    );
    expect(new Set(results.map((s) => s.id)).size).toBe(1);
    expect((await ctx.stripe.checkout.sessions.list()).data).toHaveLength(1);
  });
});
