import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, stripeFor, useSimulator } from './helpers';

/** Stripe's answer to a param the operation does not take. */
function expectUnknown(error: Stripe.errors.StripeError, name: string) {
  expect(error.type).toBe('StripeInvalidRequestError');
  expect(error.statusCode).toBe(400);
  expect(error.code).toBe('parameter_unknown');
  expect(error.param).toBe(name);
  expect(error.message).toBe(`Received unknown parameter: ${name}`);
}

describe('unknown parameters', () => {
  const ctx = useSimulator();

  it('refuses a misspelt top-level param on creates, updates, actions and lists, changing nothing', async () => {
    const { stripe, sim } = ctx;
    expectUnknown(
      await rejection(
        stripe.paymentIntents.create({
          amount: 1500,
          currency: 'usd',
          amout: 1,
        } as Stripe.PaymentIntentCreateParams),
      ),
      'amout',
    );
    expect((await stripe.paymentIntents.list()).data).toHaveLength(0);
    expectUnknown(
      await rejection(
        stripe.customers.create({ email: 'a@b.test', emial: 'x' } as Stripe.CustomerCreateParams),
      ),
      'emial',
    );
    expect((await stripe.customers.list()).data).toHaveLength(0);

    const customer = await stripe.customers.create({ email: 'a@b.test', metadata: { plan: 'basic' } });
    expectUnknown(
      await rejection(stripe.customers.update(customer.id, { nmae: 'Ann' } as Stripe.CustomerUpdateParams)),
      'nmae',
    );
    expect(sim.retrieve(customer.id)).toMatchObject({ name: null });
    const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
    expectUnknown(
      await rejection(
        stripe.paymentIntents.confirm(pi.id, {
          payment_method: 'pm_card_visa',
          metadata: { a: 'b' },
        } as Stripe.PaymentIntentConfirmParams),
      ),
      'metadata',
    );
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_payment_method');
    expectUnknown(
      await rejection(
        stripe.checkout.sessions.create({
          mode: 'payment',
          line_items: [{ price: 'price_basic', quantity: 1 }],
          success_url: 'https://shop.test/ok',
          sucess_url: 'https://shop.test/ok',
        } as Stripe.Checkout.SessionCreateParams),
      ),
      'sucess_url',
    );
    expectUnknown(
      await rejection(
        stripe.subscriptions.list({ customer: customer.id, state: 'all' } as Stripe.SubscriptionListParams),
      ),
      'state',
    );
    expectUnknown(
      await rejection(stripe.prices.retrieve('price_basic', { foo: '1' } as Stripe.PriceRetrieveParams)),
      'foo',
    );
    expectUnknown(await rejection(stripe.customers.del(customer.id, { force: true } as never)), 'force');
    // A nested value is still named by its top-level key, as Stripe does.
    expectUnknown(
      await rejection(
        stripe.refunds.create({ payment_intent: pi.id, extra: { a: '1' } } as Stripe.RefundCreateParams),
      ),
      'extra',
    );
  });

  it('names a nested unknown key with brackets', async () => {
    const error = await rejection(
      ctx.stripe.customers.create({
        invoice_settings: { default_payment_methd: 'pm_x' },
      } as unknown as Stripe.CustomerCreateParams),
    );
    expectUnknown(error, 'invoice_settings[default_payment_methd]');
    const customer = await ctx.stripe.customers.create({ invoice_settings: { footer: 'Thanks' } });
    const update = await rejection(
      ctx.stripe.customers.update(customer.id, {
        invoice_settings: { default_payment_method: '', fotter: 'x' },
      } as unknown as Stripe.CustomerUpdateParams),
    );
    expectUnknown(update, 'invoice_settings[fotter]');
  });

  it('accepts expand, metadata, pagination, filters and documented params the simulator ignores', async () => {
    const { stripe } = ctx;
    const customer = await stripe.customers.create({
      email: 'a@b.test',
      metadata: { plan: 'basic' },
      preferred_locales: ['en'],
      expand: ['invoice_settings.default_payment_method'],
    });
    const pi = await stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      customer: customer.id,
      description: 'Order 1',
      statement_descriptor_suffix: 'ORDER1',
      metadata: { order: '1' },
      expand: ['customer'],
    });
    expect((pi.customer as Stripe.Customer).id).toBe(customer.id);
    const list = await stripe.paymentIntents.list({
      customer: customer.id,
      limit: 1,
      created: { gte: 0 },
      expand: ['data.customer'],
    });
    expect(list.data.map((p) => p.id)).toEqual([pi.id]);
    const next = await stripe.paymentIntents.list({ starting_after: pi.id });
    expect(next.data).toHaveLength(0);
    const before = await stripe.paymentIntents.list({ ending_before: pi.id });
    expect(before.data).toHaveLength(0);
    const prices = await stripe.prices.list({
      active: true,
      lookup_keys: ['none'],
      recurring: { interval: 'month' },
    });
    expect(prices.object).toBe('list');
  });

  it('lets a publishable key confirm with client_secret, as Stripe.js does', async () => {
    const pi = await ctx.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
    const pk = stripeFor(Number(new URL(ctx.url).port), 'pk_test_browser');
    const confirmed = await pk.paymentIntents.confirm(pi.id, {
      client_secret: pi.client_secret,
      payment_method: 'pm_card_visa',
      return_url: 'https://shop.test/done',
    } as Stripe.PaymentIntentConfirmParams);
    expect(confirmed.status).toBe('succeeded');
  });
});
