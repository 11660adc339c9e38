// "rule N" in the case names below is rule N of docs/design.md.
import { describe, expect, it } from 'vitest';
import { call, errorOf, ORIGIN } from './helpers';
import { simSetup } from './sim';

describe('GET /catalog', () => {
  it('lists active catalog prices by key, with no Stripe ids, and caches price objects', async () => {
    const { tollbooth, recorder } = simSetup();
    const res = await tollbooth.handle(call('/catalog'));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('price_');
    expect(JSON.parse(text)).toEqual({
      prices: [
        {
          id: 'basic',
          product: { name: 'Basic', description: 'The basic plan' },
          unitAmount: 1500,
          currency: 'usd',
          recurring: null,
        },
        {
          id: 'pro',
          product: { name: 'Pro', description: null },
          unitAmount: 4900,
          currency: 'usd',
          recurring: { interval: 'month' },
        },
        {
          id: 'euro',
          product: { name: 'Basic', description: 'The basic plan' },
          unitAmount: 1000,
          currency: 'eur',
          recurring: null,
        },
      ],
    });
    const reads = recorder.calls.length;
    expect((await tollbooth.handle(call('/catalog'))).status).toBe(200);
    expect(recorder.calls.length).toBe(reads);
  });

  it('answers 401 to anonymous callers the policy does not admit', async () => {
    const { tollbooth, recorder } = simSetup({ authorize: () => false });
    expect((await tollbooth.handle(call('/catalog'))).status).toBe(401);
    expect((await tollbooth.handle(call('/catalog', { user: 'u1' }))).status).toBe(403);
    expect(recorder.calls).toEqual([]);
  });
});

describe('POST /checkout', () => {
  it('creates a hosted session from catalog keys; amounts come from Stripe prices', async () => {
    const { tollbooth, sim, audit } = simSetup();
    const res = await tollbooth.handle(
      call('/checkout', {
        user: 'u1',
        idempotencyKey: 'k1',
        body: {
          items: [{ price: 'basic', quantity: 2 }],
          successPath: '/thanks?session_id={CHECKOUT_SESSION_ID}',
        },
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; url: string };
    expect(body.id).toMatch(/^cs_/);
    expect(typeof body.url).toBe('string');
    const create = sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    expect(create?.params).toMatchObject({
      mode: 'payment',
      ui_mode: 'hosted_page',
      line_items: [{ price: 'price_basic', quantity: '2' }],
      success_url: `${ORIGIN}/thanks?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${ORIGIN}/`,
      client_reference_id: 'u1',
      metadata: { tollbooth_user_id: 'u1' },
    });
    expect(create?.params).toHaveProperty('customer');
    expect(create?.idempotencyKey).toMatch(/^tollbooth-[0-9a-f]{64}$/);
    expect(audit).toMatchObject([
      { action: 'checkout.create', decision: 'allow', outcome: 'ok', resourceId: body.id },
    ]);
  });

  it('creates an embedded session with a return_url and answers a client secret', async () => {
    const { tollbooth, sim } = simSetup();
    const res = await tollbooth.handle(
      call('/checkout', { user: 'u1', body: { items: [{ price: 'pro', quantity: 1 }], uiMode: 'embedded' } }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; clientSecret: string };
    expect(body.clientSecret).toContain('_secret_');
    const create = sim.requests.find((r) => r.path === '/v1/checkout/sessions');
    expect(create?.params).toMatchObject({
      mode: 'subscription',
      ui_mode: 'embedded_page',
      return_url: `${ORIGIN}/?session_id={CHECKOUT_SESSION_ID}`,
    });
    expect(create?.params).not.toHaveProperty('success_url');
  });

  it('lets an anonymous guest check out when the policy allows, and sets the anonymous session cookie', async () => {
    const { tollbooth } = simSetup();
    const res = await tollbooth.handle(
      call('/checkout', { body: { items: [{ price: 'basic', quantity: 1 }] } }),
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^tollbooth_sid=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}; Path=\/api\/tollbooth; Max-Age=86400; HttpOnly; SameSite=Lax; Secure$/,
    );
  });

  it('answers 401 for anonymous and 403 for a user the policy refuses, with no Stripe write', async () => {
    const { tollbooth, mark } = simSetup({ authorize: () => false });
    const writes = mark();
    const body = { items: [{ price: 'basic', quantity: 1 }] };
    expect((await tollbooth.handle(call('/checkout', { body }))).status).toBe(401);
    expect((await tollbooth.handle(call('/checkout', { body, user: 'u1' }))).status).toBe(403);
    expect(writes()).toEqual([]);
  });

  it.each([
    ['a price outside the catalog', { items: [{ price: 'stranger', quantity: 1 }] }],
    ['a raw Stripe id when the catalog is a record', { items: [{ price: 'price_basic', quantity: 1 }] }],
    ['an inactive price', { items: [{ price: 'old', quantity: 1 }] }],
    [
      'mixed currencies',
      {
        items: [
          { price: 'basic', quantity: 1 },
          { price: 'euro', quantity: 1 },
        ],
      },
    ],
    ['a client amount', { items: [{ price: 'basic', quantity: 1 }], amount: 1 }],
    ['an item amount', { items: [{ price: 'basic', quantity: 1, amount: 1 }] }],
    ['an unknown field', { items: [{ price: 'basic', quantity: 1 }], customer: 'cus_victim' }],
    ['quantity 0', { items: [{ price: 'basic', quantity: 0 }] }],
    ['quantity -1', { items: [{ price: 'basic', quantity: -1 }] }],
    ['quantity 1.5', { items: [{ price: 'basic', quantity: 1.5 }] }],
    ['quantity "2"', { items: [{ price: 'basic', quantity: '2' }] }],
    ['quantity 100', { items: [{ price: 'basic', quantity: 100 }] }],
    ['quantity 1e21', { items: [{ price: 'basic', quantity: 1e21 }] }],
    ['no items', { items: [] }],
    [
      'a duplicated price',
      {
        items: [
          { price: 'basic', quantity: 1 },
          { price: 'basic', quantity: 1 },
        ],
      },
    ],
    ['recurring in payment mode', { items: [{ price: 'pro', quantity: 1 }], mode: 'payment' }],
    ['subscription without recurring', { items: [{ price: 'basic', quantity: 1 }], mode: 'subscription' }],
    ['an unknown uiMode', { items: [{ price: 'basic', quantity: 1 }], uiMode: 'popup' }],
  ])('answers 400 for %s, with no Stripe write', async (_, body) => {
    const { tollbooth, mark } = simSetup();
    const writes = mark();
    const res = await tollbooth.handle(call('/checkout', { body, user: 'u1' }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
    expect(writes()).toEqual([]);
  });

  it.each([
    '//evil.test',
    '/\\evil.test',
    '\\/evil.test',
    'https://shop.test@evil.test/',
    'https://shop.test.evil.test/',
    'https://evil.test/',
    'javascript:alert(1)',
    '\t/evil',
    '/ok\n',
    'thanks',
    '/%0d%0aSet-Cookie:x',
  ])('refuses the redirect %j with 400 (rule 5)', async (path) => {
    const { tollbooth, mark } = simSetup();
    const writes = mark();
    for (const field of ['successPath', 'cancelPath']) {
      const res = await tollbooth.handle(
        call('/checkout', { user: 'u1', body: { items: [{ price: 'basic', quantity: 1 }], [field]: path } }),
      );
      // An encoded CRLF is refused like a plain one: whatever decodes it later would see the plain form.
      expect([field, res.status]).toEqual([field, 400]);
    }
    expect(writes()).toEqual([]);
  });

  it('respects maxQuantity', async () => {
    const { tollbooth } = simSetup({ maxQuantity: 3 });
    const res = await tollbooth.handle(
      call('/checkout', { user: 'u1', body: { items: [{ price: 'basic', quantity: 4 }] } }),
    );
    expect(res.status).toBe(400);
    const big = simSetup({ maxQuantity: 500 });
    const ok = await big.tollbooth.handle(
      call('/checkout', { user: 'u1', body: { items: [{ price: 'basic', quantity: 500 }] } }),
    );
    expect(ok.status).toBe(200);
  });
});

describe('GET /checkout/:id', () => {
  async function created(t: ReturnType<typeof simSetup>, user: string) {
    const res = await t.tollbooth.handle(
      call('/checkout', { user, body: { items: [{ price: 'basic', quantity: 1 }] } }),
    );
    return ((await res.json()) as { id: string }).id;
  }

  it('shows the owner their session', async () => {
    const t = simSetup();
    const id = await created(t, 'u1');
    const res = await t.tollbooth.handle(call(`/checkout/${id}`, { user: 'u1' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id,
      status: 'open',
      paymentStatus: 'unpaid',
      amountTotal: 1500,
      currency: 'usd',
      items: [
        {
          price: 'basic',
          description: 'Basic',
          quantity: 1,
          amountTotal: 1500,
          currency: 'usd',
          recurring: null,
        },
      ],
      customerEmail: null,
      shipping: null,
    });
  });

  it("answers 404 for another user's session and for a missing one (IDOR)", async () => {
    const t = simSetup();
    const id = await created(t, 'alice');
    const writes = t.mark();
    const res = await t.tollbooth.handle(call(`/checkout/${id}`, { user: 'bob' }));
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: 'not_found', message: 'Not found.' });
    expect((await t.tollbooth.handle(call('/checkout/cs_test_missing', { user: 'bob' }))).status).toBe(404);
    // An id that is not shaped like a Checkout Session id is bad input, refused before any Stripe call.
    expect((await t.tollbooth.handle(call('/checkout/not-an-id', { user: 'bob' }))).status).toBe(400);
    expect(writes()).toEqual([]);
  });

  it('lets an anonymous guest read the session made with their session cookie, and nobody else', async () => {
    const t = simSetup();
    const res = await t.tollbooth.handle(
      call('/checkout', { body: { items: [{ price: 'basic', quantity: 1 }] } }),
    );
    const { id } = (await res.json()) as { id: string };
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const create = t.sim.requests.find((r) => r.path === '/v1/checkout/sessions');
    // Stripe stores a hash of the session, never the cookie value.
    expect(JSON.stringify(create?.params)).not.toContain(cookie.split('=')[1]);

    const own = await t.tollbooth.handle(call(`/checkout/${id}`, { headers: { cookie } }));
    expect(own.status).toBe(200);
    expect(((await own.json()) as { id: string }).id).toBe(id);
    // Another guest's (signed) session does not own it.
    const other = await t.tollbooth.handle(
      call('/checkout', { body: { items: [{ price: 'basic', quantity: 1 }] } }),
    );
    const otherGuest = (other.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(
      (await t.tollbooth.handle(call(`/checkout/${id}`, { headers: { cookie: otherGuest } }))).status,
    ).toBe(404);
    // A cookie this server did not sign is no session at all: 401 before anything is loaded.
    const reads = t.sim.requests.length;
    for (const forged of [
      `tollbooth_sid=${'A'.repeat(43)}`,
      `tollbooth_sid=${'A'.repeat(43)}.${'B'.repeat(43)}`,
    ]) {
      expect(
        (await t.tollbooth.handle(call(`/checkout/${id}`, { headers: { cookie: forged } }))).status,
      ).toBe(401);
    }
    expect(t.sim.requests.length).toBe(reads);
    expect((await t.tollbooth.handle(call(`/checkout/${id}`))).status).toBe(401);
    expect((await t.tollbooth.handle(call(`/checkout/${id}`, { user: 'u1' }))).status).toBe(404);
    // A signed-in user's session is not readable with any guest cookie.
    const mine = await created(t, 'u1');
    expect((await t.tollbooth.handle(call(`/checkout/${mine}`, { headers: { cookie } }))).status).toBe(404);
  });

  it('answers 401 to the guest when the policy does not admit anonymous reads', async () => {
    const t = simSetup({ authorize: (user, action) => action === 'checkout.create' || user !== null });
    const res = await t.tollbooth.handle(
      call('/checkout', { body: { items: [{ price: 'basic', quantity: 1 }] } }),
    );
    const { id } = (await res.json()) as { id: string };
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect((await t.tollbooth.handle(call(`/checkout/${id}`, { headers: { cookie } }))).status).toBe(401);
  });

  it('answers 403 when the policy refuses the owner', async () => {
    const t = simSetup();
    const id = await created(t, 'u1');
    const denied = simSetup({ authorize: () => false, store: t.config.store, stripe: t.config.stripe });
    expect((await denied.tollbooth.handle(call(`/checkout/${id}`, { user: 'u1' }))).status).toBe(403);
  });
});
