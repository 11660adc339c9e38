import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from './helpers';

describe('payment methods and setup intents', () => {
  const ctx = useSimulator();

  it('attaches, lists, sets the default, retrieves and detaches', async () => {
    const customer = await ctx.stripe.customers.create({ email: 'pm@x.y' });
    const visa = await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const master = await ctx.stripe.paymentMethods.attach('pm_card_mastercard', { customer: customer.id });
    expect(visa).toMatchObject({ object: 'payment_method', type: 'card', customer: customer.id });
    expect(visa.card).toMatchObject({ brand: 'visa', last4: '4242', funding: 'credit' });
    expect(visa.card?.exp_year).toBeGreaterThan(new Date().getUTCFullYear());

    const listed = await ctx.stripe.customers.listPaymentMethods(customer.id, { limit: 100 });
    expect(listed).toMatchObject({
      object: 'list',
      has_more: false,
      url: `/v1/customers/${customer.id}/payment_methods`,
    });
    expect(listed.data.map((pm) => pm.id)).toEqual([master.id, visa.id]);
    const viaList = await ctx.stripe.paymentMethods.list({ customer: customer.id });
    expect(viaList.data).toHaveLength(2);

    const updated = await ctx.stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: visa.id },
    });
    expect(updated.invoice_settings.default_payment_method).toBe(visa.id);
    expect((await ctx.stripe.paymentMethods.retrieve(visa.id)).id).toBe(visa.id);

    const detached = await ctx.stripe.paymentMethods.detach(visa.id);
    expect(detached.customer).toBeNull();
    const after = (await ctx.stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(after.invoice_settings.default_payment_method).toBeNull();
    expect((await ctx.stripe.customers.listPaymentMethods(customer.id)).data.map((pm) => pm.id)).toEqual([
      master.id,
    ]);

    const again = await rejection(ctx.stripe.paymentMethods.detach(visa.id));
    expect(again).toMatchObject({ statusCode: 400 });
  });

  it('refuses a default payment method that is not attached to the customer', async () => {
    const a = await ctx.stripe.customers.create({});
    const b = await ctx.stripe.customers.create({});
    const pm = await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: b.id });
    const error = await rejection(
      ctx.stripe.customers.update(a.id, { invoice_settings: { default_payment_method: pm.id } }),
    );
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'resource_missing',
      param: 'invoice_settings[default_payment_method]',
    });
    const steal = await rejection(ctx.stripe.paymentMethods.attach(pm.id, { customer: a.id }));
    expect(steal).toMatchObject({ statusCode: 400 });
  });

  it('declines attaching a declining card', async () => {
    const customer = await ctx.stripe.customers.create({});
    const error = await rejection<Stripe.errors.StripeCardError>(
      ctx.stripe.paymentMethods.attach('pm_card_visa_chargeDeclined', { customer: customer.id }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error.decline_code).toBe('generic_decline');
  });

  it('sets up a card with a SetupIntent and attaches it', async () => {
    const customer = await ctx.stripe.customers.create({});
    const si = await ctx.stripe.setupIntents.create(
      { customer: customer.id, automatic_payment_methods: { enabled: true }, usage: 'off_session' },
      { idempotencyKey: 'si-1' },
    );
    expect(si).toMatchObject({
      object: 'setup_intent',
      status: 'requires_payment_method',
      usage: 'off_session',
    });
    expect(si.client_secret).toMatch(/^seti_.+_secret_/);
    const response = await fetch(`${ctx.url}/v1/setup_intents/${si.id}/confirm`, {
      method: 'POST',
      headers: { authorization: 'Bearer pk_test_x', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_secret: si.client_secret!,
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': '4242424242424242',
        'payment_method_data[card][exp_month]': '4',
        'payment_method_data[card][exp_year]': '2041',
        'payment_method_data[card][cvc]': '123',
      }),
    });
    const confirmed = (await response.json()) as Stripe.SetupIntent;
    expect(confirmed.status).toBe('succeeded');
    const pms = await ctx.stripe.customers.listPaymentMethods(customer.id);
    expect(pms.data.map((pm) => pm.id)).toEqual([confirmed.payment_method]);
    expect(pms.data[0]?.card).toMatchObject({ exp_month: 4, exp_year: 2041 });
    const declined = await ctx.stripe.setupIntents.create({ customer: customer.id });
    const error = await rejection<Stripe.errors.StripeCardError>(
      ctx.stripe.setupIntents.confirm(declined.id, { payment_method: 'pm_card_visa_chargeDeclinedLostCard' }),
    );
    expect(error.decline_code).toBe('lost_card');
    expect((await ctx.stripe.setupIntents.retrieve(declined.id)).last_setup_error?.decline_code).toBe(
      'lost_card',
    );
  });

  it('pages through a list with limit and starting_after', async () => {
    const customer = await ctx.stripe.customers.create({});
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })).id);
    const first = await ctx.stripe.paymentMethods.list({ customer: customer.id, limit: 2 });
    expect(first.has_more).toBe(true);
    expect(first.data.map((pm) => pm.id)).toEqual([ids[4], ids[3]]);
    const second = await ctx.stripe.paymentMethods.list({
      customer: customer.id,
      limit: 2,
      starting_after: ids[3],
    });
    expect(second.data.map((pm) => pm.id)).toEqual([ids[2], ids[1]]);
    const all: string[] = [];
    for await (const pm of ctx.stripe.paymentMethods.list({ customer: customer.id, limit: 2 }))
      all.push(pm.id);
    expect(all).toEqual([...ids].reverse());
    const tooMany = await rejection(ctx.stripe.paymentMethods.list({ customer: customer.id, limit: 101 }));
    expect(tooMany).toMatchObject({ statusCode: 400, param: 'limit' });
  });
});
