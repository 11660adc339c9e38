import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from './helpers';

describe('prices, products and customers through the real SDK', () => {
  const ctx = useSimulator();

  it('retrieves a configured price with its product expanded', async () => {
    const price = await ctx.stripe.prices.retrieve('price_basic', { expand: ['product'] });
    expect(price).toMatchObject({
      id: 'price_basic',
      object: 'price',
      unit_amount: 1500,
      currency: 'usd',
      active: true,
    });
    expect(price.recurring).toBeNull();
    const product = price.product as Stripe.Product;
    expect(product).toMatchObject({ id: 'prod_basic', name: 'Basic', description: 'The basic plan' });
    const pro = await ctx.stripe.prices.retrieve('price_pro');
    expect(pro.product).toBe('prod_pro');
    expect(pro.recurring).toMatchObject({ interval: 'month', interval_count: 1 });
    expect((await ctx.stripe.prices.retrieve('price_old')).active).toBe(false);
  });

  it('lists prices with filters and expands data.product', async () => {
    const active = await ctx.stripe.prices.list({
      active: true,
      product: 'prod_basic',
      expand: ['data.product'],
    });
    expect(active.data.map((p) => p.id).sort()).toEqual(['price_basic', 'price_eur']);
    expect((active.data[0]!.product as Stripe.Product).object).toBe('product');
    const monthly = await ctx.stripe.prices.list({ type: 'recurring' });
    expect(monthly.data.map((p) => p.id)).toEqual(['price_pro']);
    expect(monthly.url).toBe('/v1/prices');
  });

  it('answers an unknown price with a 404 resource_missing', async () => {
    const error = await rejection(ctx.stripe.prices.retrieve('price_nope'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id' });
    expect(error.message).toBe("No such price: 'price_nope'");
    expect(error.requestId).toMatch(/^req_/);
  });

  it('creates, retrieves and updates a customer with metadata and an idempotency key', async () => {
    const created = await ctx.stripe.customers.create(
      { email: 'a@b.c', metadata: { tollbooth_user_id: 'u_1' } },
      { idempotencyKey: 'cust-u_1' },
    );
    expect(created).toMatchObject({
      object: 'customer',
      email: 'a@b.c',
      metadata: { tollbooth_user_id: 'u_1' },
    });
    expect(created.id).toMatch(/^cus_/);
    const again = await ctx.stripe.customers.create(
      { email: 'a@b.c', metadata: { tollbooth_user_id: 'u_1' } },
      { idempotencyKey: 'cust-u_1' },
    );
    expect(again.id).toBe(created.id);
    const fetched = (await ctx.stripe.customers.retrieve(created.id)) as Stripe.Customer;
    expect(fetched.invoice_settings.default_payment_method).toBeNull();
    const updated = await ctx.stripe.customers.update(created.id, {
      metadata: { plan: 'pro', tollbooth_user_id: '' },
    });
    expect(updated.metadata).toEqual({ plan: 'pro' });
    expect(ctx.sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/customers',
      'POST /v1/customers',
      `GET /v1/customers/${created.id}`,
      `POST /v1/customers/${created.id}`,
    ]);
    expect(ctx.sim.requests[0]).toMatchObject({
      params: { email: 'a@b.c', metadata: { tollbooth_user_id: 'u_1' } },
      idempotencyKey: 'cust-u_1',
      apiKey: 'sk_test_simulator',
    });
  });

  it('deletes a customer and reports it as deleted', async () => {
    const customer = await ctx.stripe.customers.create({ email: 'x@y.z' });
    await ctx.stripe.customers.del(customer.id);
    const fetched = await ctx.stripe.customers.retrieve(customer.id);
    expect(fetched.deleted).toBe(true);
  });

  it('rejects a missing or live API key', async () => {
    const { default: StripeCtor } = await import('stripe');
    const port = Number(new URL(ctx.url).port);
    const live = new StripeCtor('sk_live_nope', { host: '127.0.0.1', port, protocol: 'http' });
    const error = await rejection(live.customers.list());
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('echoes Stripe-Version and sets request-id', async () => {
    const response = await fetch(`${ctx.url}/v1/prices/price_basic`, {
      headers: { authorization: 'Bearer sk_test_x', 'stripe-version': '2026-10-28.endive' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('stripe-version')).toBe('2026-10-28.endive');
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
