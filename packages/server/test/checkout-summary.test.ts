import { signWebhook } from '@tollbooth/testing';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { BASE, call, WHSEC } from './helpers';
import { simSetup } from './sim';

type T = ReturnType<typeof simSetup>;

async function checkout(t: T, user: string | null, body: Record<string, unknown>) {
  return (await checkoutAs(t, user, body)).id;
}

/** The session id, and for a guest the anonymous session cookie the answer sets. */
async function checkoutAs(t: T, user: string | null, body: Record<string, unknown>) {
  const res = await t.tollbooth.handle(call('/checkout', { ...(user ? { user } : {}), body }));
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return { id: ((await res.json()) as { id: string }).id, cookie };
}

const read = async (t: T, id: string, user: string) =>
  (await t.tollbooth.handle(call(`/checkout/${id}`, { user }))).json();

function deliver(t: T, event: Stripe.Event) {
  const payload = JSON.stringify(event);
  return t.tollbooth.handle(
    new Request(`${BASE}/webhooks`, {
      method: 'POST',
      headers: { 'stripe-signature': signWebhook(payload, WHSEC), 'content-type': 'application/json' },
      body: payload,
    }),
  );
}

const customerOf = async (t: T, sessionId: string) =>
  (await t.admin.checkout.sessions.retrieve(sessionId)).customer as string;

describe('GET /checkout/:id says what was bought', () => {
  it('lists the items by catalog key and product name, with amounts, and no Stripe price id', async () => {
    const t = simSetup();
    const id = await checkout(t, 'u1', {
      items: [
        { price: 'basic', quantity: 2 },
        { price: 'pro', quantity: 1 },
      ],
    });
    const res = await t.tollbooth.handle(call(`/checkout/${id}`, { user: 'u1' }));
    const text = await res.text();
    expect(text).not.toContain('price_');
    const summary = JSON.parse(text);
    expect(summary).toMatchObject({ id, status: 'open', amountTotal: 7900, currency: 'usd', shipping: null });
    expect(summary.items).toEqual([
      {
        price: 'basic',
        description: 'Basic',
        quantity: 2,
        amountTotal: 3000,
        currency: 'usd',
        recurring: null,
      },
      {
        price: 'pro',
        description: 'Pro',
        quantity: 1,
        amountTotal: 4900,
        currency: 'usd',
        recurring: { interval: 'month' },
      },
    ]);
    // The line items come with the session, in one Stripe read expanded through the SDK.
    const reads = t.sim.requests.filter(
      (r) => r.method === 'GET' && r.path === `/v1/checkout/sessions/${id}`,
    );
    expect(reads.at(-1)?.params).toMatchObject({ expand: ['line_items'] });
  });

  it('carries the email and the shipping address the buyer gave on Checkout', async () => {
    const t = simSetup();
    const { id, cookie } = await checkoutAs(t, null, {
      items: [{ price: 'basic', quantity: 1 }],
      shippingAddressCollection: { allowedCountries: ['US', 'CA'] },
      billingAddressCollection: 'required',
    });
    const create = t.sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    expect(create?.params).toMatchObject({
      shipping_address_collection: { allowed_countries: ['US', 'CA'] },
      billing_address_collection: 'required',
    });
    const address = { line1: '1 Main St', city: 'Toronto', postal_code: 'M5V', country: 'CA' };
    t.sim.completeCheckoutSession(id, {
      email: 'guest@example.com',
      shipping: { name: 'Grace Hopper', address },
      billingAddress: address,
    });
    // The guest reads it through the session cookie the create answer set.
    const res = await t.tollbooth.handle(call(`/checkout/${id}`, { headers: { cookie } }));
    expect(await res.json()).toMatchObject({
      status: 'complete',
      paymentStatus: 'paid',
      customerEmail: 'guest@example.com',
      shipping: {
        name: 'Grace Hopper',
        address: {
          line1: '1 Main St',
          line2: null,
          city: 'Toronto',
          state: null,
          postalCode: 'M5V',
          country: 'CA',
        },
      },
    });
  });

  it('refuses bad address options before any Stripe write', async () => {
    const t = simSetup();
    const writes = t.mark();
    for (const extra of [
      { shippingAddressCollection: { allowedCountries: [] } },
      { shippingAddressCollection: { allowedCountries: ['usa'] } },
      { shippingAddressCollection: { allowedCountries: ['US'], extra: 1 } },
      { billingAddressCollection: 'always' },
      { mode: 'setup', shippingAddressCollection: { allowedCountries: ['US'] } },
    ]) {
      const res = await t.tollbooth.handle(
        call('/checkout', { user: 'u1', body: { items: [{ price: 'basic', quantity: 1 }], ...extra } }),
      );
      expect(res.status, JSON.stringify(extra)).toBe(400);
    }
    expect(writes()).toEqual([]);
  });
});

describe('a card saved through Checkout', () => {
  it('becomes the default of a customer who had none, on the return from Checkout', async () => {
    const t = simSetup();
    const id = await checkout(t, 'u1', { items: [{ price: 'pro', quantity: 1 }] });
    t.sim.completeCheckoutSession(id);
    await read(t, id, 'u1');
    const list = await (await t.tollbooth.handle(call('/payment-methods', { user: 'u1' }))).json();
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ isDefault: true, card: { last4: '4242' } });
  });

  it('becomes the default on checkout.session.completed when the buyer never came back', async () => {
    const t = simSetup();
    const id = await checkout(t, 'u1', { items: [{ price: 'pro', quantity: 1 }] });
    t.sim.completeCheckoutSession(id);
    const event = t.sim.events.find((e) => e.type === 'checkout.session.completed')!;
    expect((await deliver(t, event)).status).toBe(200);
    const customer = await t.admin.customers.retrieve(await customerOf(t, id));
    const sub = (await t.admin.subscriptions.list({ customer: customer.id })).data[0]!;
    expect('deleted' in customer).toBe(false);
    expect((customer as Stripe.Customer).invoice_settings.default_payment_method).toBe(
      sub.default_payment_method,
    );
  });

  it('leaves a default the customer chose alone', async () => {
    const t = simSetup();
    const customer = await t.customerFor('u1');
    const chosen = await t.cardFor(customer);
    await t.admin.customers.update(customer, { invoice_settings: { default_payment_method: chosen } });
    const id = await checkout(t, 'u1', { items: [{ price: 'pro', quantity: 1 }] });
    t.sim.completeCheckoutSession(id, { card: '5555555555554444' });
    await read(t, id, 'u1');
    const after = (await t.admin.customers.retrieve(customer)) as Stripe.Customer;
    expect(after.invoice_settings.default_payment_method).toBe(chosen);
  });

  it('is not saved twice: Checkout offers the card the customer saved, and paying with it adds none', async () => {
    const t = simSetup();
    const customer = await t.customerFor('u1');
    const saved = await t.cardFor(customer);
    const id = await checkout(t, 'u1', { items: [{ price: 'pro', quantity: 1 }] });
    const session = await t.admin.checkout.sessions.retrieve(id);
    // A card saved through the kit (SetupIntent, PaymentForm) has no redisplay consent recorded; it is offered.
    expect(session.saved_payment_method_options?.allow_redisplay_filters).toEqual([
      'always',
      'limited',
      'unspecified',
    ]);
    const page = await (await t.sim.fetch(new Request(session.url!))).text();
    expect(page).toContain(`value="${saved}" checked> Visa ending in 4242`);
    t.sim.completeCheckoutSession(id, { paymentMethod: saved });
    await read(t, id, 'u1');
    const list = await (await t.tollbooth.handle(call('/payment-methods', { user: 'u1' }))).json();
    expect(list.data.map((pm: { id: string }) => pm.id)).toEqual([saved]);
    expect(list.data[0].isDefault).toBe(true);
  });
});
