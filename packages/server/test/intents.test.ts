// "rule N" in the case names below is rule N of docs/design.md.
import { describe, expect, it } from 'vitest';
import { call, errorOf } from './helpers';
import { simSetup } from './sim';

const items = [
  { price: 'basic', quantity: 2 },
  { price: 'basic2', quantity: 1 },
];

describe('POST /payment-intents', () => {
  it('computes the amount from Stripe prices and answers the client secret', async () => {
    const t = simSetup({
      catalog: { prices: { basic: 'price_basic', basic2: 'price_stranger', pro: 'price_pro' } },
    });
    const res = await t.tollbooth.handle(call('/payment-intents', { user: 'u1', body: { items } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; clientSecret: string; amount: number; currency: string };
    expect(body).toMatchObject({ amount: 3001, currency: 'usd' });
    expect(body.clientSecret).toContain(`${body.id}_secret_`);
    const create = t.sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
    expect(create?.params).toMatchObject({
      amount: '3001',
      currency: 'usd',
      automatic_payment_methods: { enabled: 'true' },
      metadata: { tollbooth_user_id: 'u1', tollbooth_items: 'basicx2,basic2x1' },
    });
    expect(create?.params).not.toHaveProperty('setup_future_usage');
  });

  it('saves the payment method for later when asked, only for a signed-in user', async () => {
    const t = simSetup();
    const ok = await t.tollbooth.handle(
      call('/payment-intents', {
        user: 'u1',
        body: { items: [{ price: 'basic', quantity: 1 }], savePaymentMethod: true },
      }),
    );
    expect(ok.status).toBe(200);
    const create = t.sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
    expect(create?.params).toMatchObject({ setup_future_usage: 'off_session' });
    const anon = await t.tollbooth.handle(
      call('/payment-intents', {
        body: { items: [{ price: 'basic', quantity: 1 }], savePaymentMethod: true },
      }),
    );
    expect(anon.status).toBe(401);
  });

  it('refuses recurring prices, client amounts and unknown fields with 400 and no write', async () => {
    const t = simSetup();
    const writes = t.mark();
    for (const body of [
      { items: [{ price: 'pro', quantity: 1 }] },
      { items: [{ price: 'basic', quantity: 1 }], amount: 1 },
      { items: [{ price: 'basic', quantity: 1 }], currency: 'jpy' },
    ]) {
      const res = await t.tollbooth.handle(call('/payment-intents', { user: 'u1', body }));
      expect(res.status).toBe(400);
    }
    expect(writes()).toEqual([]);
  });

  it('answers 401/403 with no Stripe write', async () => {
    const t = simSetup({ authorize: () => false });
    const writes = t.mark();
    const body = { items: [{ price: 'basic', quantity: 1 }] };
    expect((await t.tollbooth.handle(call('/payment-intents', { body }))).status).toBe(401);
    expect((await t.tollbooth.handle(call('/payment-intents', { body, user: 'u1' }))).status).toBe(403);
    expect(writes()).toEqual([]);
  });
});

describe('idempotency (rule 4)', () => {
  it('ten parallel duplicates with one Idempotency-Key create one PaymentIntent and one customer', async () => {
    const t = simSetup();
    const body = { items: [{ price: 'basic', quantity: 1 }] };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.tollbooth.handle(call('/payment-intents', { user: 'u1', body, idempotencyKey: 'attempt-1' })),
      ),
    );
    const ok = responses.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThan(0);
    const ids = new Set(await Promise.all(ok.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    const creates = t.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
    expect(new Set(creates.map((r) => r.idempotencyKey)).size).toBe(1);
    const customerCreates = t.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/customers');
    expect(new Set(customerCreates.map((r) => r.idempotencyKey)).size).toBe(1);
    const intents = await t.admin.paymentIntents.list({ limit: 100 });
    expect(intents.data).toHaveLength(1);
    const customers = await t.admin.customers.list({ limit: 100 });
    expect(customers.data).toHaveLength(1);
  });

  it('gives two users who send the same client key different Stripe keys and objects', async () => {
    const t = simSetup();
    const body = { items: [{ price: 'basic', quantity: 1 }] };
    const a = await t.tollbooth.handle(
      call('/payment-intents', { user: 'alice', body, idempotencyKey: 'same' }),
    );
    const b = await t.tollbooth.handle(
      call('/payment-intents', { user: 'bob', body, idempotencyKey: 'same' }),
    );
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as Array<{ id: string; clientSecret: string }>;
    expect(ja?.id).not.toBe(jb?.id);
    expect(jb?.clientSecret).not.toBe(ja?.clientSecret);
    const keys = t.sim.requests.filter((r) => r.path === '/v1/payment_intents').map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
  });

  it('derives different keys for different actions and new keys for new attempts', async () => {
    const t = simSetup();
    const body = { items: [{ price: 'basic', quantity: 1 }] };
    await t.tollbooth.handle(call('/payment-intents', { user: 'u1', body, idempotencyKey: 'k' }));
    await t.tollbooth.handle(call('/checkout', { user: 'u1', body, idempotencyKey: 'k' }));
    await t.tollbooth.handle(call('/payment-intents', { user: 'u1', body, idempotencyKey: 'k2' }));
    const keys = t.sim.requests
      .filter((r) => r.path === '/v1/payment_intents' || r.path === '/v1/checkout/sessions')
      .map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
  });

  it('answers 409 when one key is reused with other parameters', async () => {
    const t = simSetup();
    await t.tollbooth.handle(
      call('/payment-intents', {
        user: 'u1',
        body: { items: [{ price: 'basic', quantity: 1 }] },
        idempotencyKey: 'k',
      }),
    );
    const res = await t.tollbooth.handle(
      call('/payment-intents', {
        user: 'u1',
        body: { items: [{ price: 'basic', quantity: 2 }] },
        idempotencyKey: 'k',
      }),
    );
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('conflict');
  });

  it('scopes anonymous keys to the session cookie', async () => {
    const t = simSetup();
    const body = { items: [{ price: 'basic', quantity: 1 }] };
    const first = await t.tollbooth.handle(call('/payment-intents', { body, idempotencyKey: 'k' }));
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const again = await t.tollbooth.handle(
      call('/payment-intents', { body, idempotencyKey: 'k', headers: { cookie } }),
    );
    expect(again.headers.get('set-cookie')).toBeNull();
    const stranger = await t.tollbooth.handle(call('/payment-intents', { body, idempotencyKey: 'k' }));
    const [a, b, c] = (await Promise.all([first.json(), again.json(), stranger.json()])) as Array<{
      id: string;
    }>;
    expect(b?.id).toBe(a?.id);
    expect(c?.id).not.toBe(a?.id);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const t = simSetup();
    const res = await t.tollbooth.handle(
      call('/payment-intents', {
        user: 'u1',
        body: { items: [{ price: 'basic', quantity: 1 }] },
        idempotencyKey: 'x'.repeat(300),
      }),
    );
    expect(res.status).toBe(400);
  });
});

describe('POST /setup-intents', () => {
  it("creates the user's customer once, with tollbooth_user_id, and a SetupIntent on it", async () => {
    const t = simSetup();
    const first = await t.tollbooth.handle(call('/setup-intents', { user: 'u1', body: {} }));
    expect(first.status).toBe(200);
    const body = (await first.json()) as { id: string; clientSecret: string };
    expect(body.id).toMatch(/^seti_/);
    expect(body.clientSecret).toContain('_secret_');
    await t.tollbooth.handle(call('/setup-intents', { user: 'u1', body: {} }));
    const customers = await t.admin.customers.list({ limit: 10 });
    expect(customers.data).toHaveLength(1);
    expect(customers.data[0]?.metadata).toEqual({
      tollbooth_app: 'default',
      tollbooth_owner: 'user:u1',
      tollbooth_user_id: 'u1',
    });
    expect(customers.data[0]?.email).toBe('u1@example.test');
    const creates = t.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/setup_intents');
    expect(creates[0]?.params).toMatchObject({ customer: customers.data[0]?.id, usage: 'off_session' });
  });

  it('refuses any body field (no customer ids from the client)', async () => {
    const t = simSetup();
    const writes = t.mark();
    const res = await t.tollbooth.handle(
      call('/setup-intents', { user: 'u1', body: { customer: 'cus_victim' } }),
    );
    expect(res.status).toBe(400);
    expect(writes()).toEqual([]);
  });
});
