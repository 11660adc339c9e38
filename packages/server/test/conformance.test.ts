// "rule N" in the case names below is rule N of docs/design.md.
import { describe, expect, it } from 'vitest';
import { createTollbooth, rbac } from '../src/index';
import { BASE, call, errorOf, ORIGIN, recordingStripe, setup, testConfig } from './helpers';
import { simSetup } from './sim';

/** A Stripe whose every request fails with `status` and Stripe's error body `error`. */
function failingStripe(status: number, error: Record<string, unknown>) {
  return recordingStripe(
    async () =>
      new Response(JSON.stringify({ error }), {
        status,
        headers: { 'content-type': 'application/json', 'request-id': 'req_secret123' },
      }),
  );
}

const items = [{ price: 'basic', quantity: 1 }];

describe('Stripe failures an operator must fix (rule 8)', () => {
  it('maps a revoked key (StripeAuthenticationError) to 502 with a clear message and an error log line', async () => {
    const failing = failingStripe(401, {
      type: 'invalid_request_error',
      message: 'Invalid API Key provided: sk_live_****abcd',
    });
    const { tollbooth, logger } = setup({ stripe: failing.stripe });
    const res = await tollbooth.handle(call('/payment-intents', { body: { items }, user: 'u1' }));
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text).error).toEqual({
      code: 'upstream_error',
      message: 'Payments are unavailable: the server could not authenticate with the payment provider.',
    });
    expect(text).not.toContain('sk_');
    expect(logger.lines.some((l) => l.includes('rejected the API key'))).toBe(true);
    expect(logger.lines.join('\n')).not.toContain('sk_live');
  });

  it('maps a restricted key without the permission (StripePermissionError) to 502 with its own message', async () => {
    const failing = failingStripe(403, {
      type: 'invalid_request_error',
      message: 'The provided key rk_live_****abcd does not have the required permissions',
    });
    const { tollbooth, logger } = setup({ stripe: failing.stripe });
    const res = await tollbooth.handle(call('/payment-intents', { body: { items }, user: 'u1' }));
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text).error.message).toMatch(/not permitted/);
    expect(text).not.toContain('rk_');
    expect(logger.lines.some((l) => l.includes('lacks a permission'))).toBe(true);
  });

  it("answers Stripe's own 429 with 429 rate_limited and a Retry-After header", async () => {
    const failing = failingStripe(429, {
      type: 'invalid_request_error',
      code: 'rate_limit',
      message: 'slow',
    });
    const { tollbooth } = setup({ stripe: failing.stripe });
    const res = await tollbooth.handle(call('/payment-intents', { body: { items }, user: 'u1' }));
    expect(res.status).toBe(429);
    expect((await errorOf(res)).code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it("maps Stripe's 409 for a key whose first request is still running to 409 conflict, not 502", async () => {
    const failing = failingStripe(409, {
      type: 'idempotency_error',
      code: 'idempotency_key_in_use',
      message: 'There is currently another in-progress request using this Idempotent Key.',
    });
    const { tollbooth } = setup({ stripe: failing.stripe });
    const res = await tollbooth.handle(call('/payment-intents', { body: { items }, user: 'u1' }));
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toEqual({
      code: 'conflict',
      message: 'An identical request is still in progress. Retry in a moment.',
    });
  });

  it.each(['pickup_card', 'restricted_card', 'security_violation', 'merchant_blacklist'])(
    'shows the generic decline for the fraud-type decline %s',
    async (declineCode) => {
      const failing = failingStripe(402, {
        type: 'card_error',
        code: 'card_declined',
        decline_code: declineCode,
        message: `Detailed reason: ${declineCode}`,
      });
      const { tollbooth } = setup({ stripe: failing.stripe });
      const res = await tollbooth.handle(call('/payment-intents', { body: { items }, user: 'u1' }));
      expect(res.status).toBe(402);
      expect(await errorOf(res)).toEqual({ code: 'card_declined', message: 'Your card was declined.' });
    },
  );
});

describe('a catalog price Stripe does not know (a test id in live mode, a deleted price)', () => {
  const catalog = { prices: { basic: 'price_basic', gone: 'price_gone' } };

  it('is left out of GET /catalog instead of failing the whole route, and the operator is told', async () => {
    const { tollbooth, logger } = simSetup({ catalog });
    const res = await tollbooth.handle(call('/catalog'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { prices: Array<{ id: string }> };
    expect(body.prices.map((p) => p.id)).toEqual(['basic']);
    expect(logger.lines.some((l) => l.includes('does not exist in Stripe') && l.includes('price_gone'))).toBe(
      true,
    );
  });

  it('is a 400 (not a 404) when bought, with no Stripe write', async () => {
    const { tollbooth, mark } = simSetup({ catalog });
    const writes = mark();
    for (const path of ['/checkout', '/payment-intents']) {
      const res = await tollbooth.handle(
        call(path, { user: 'u1', body: { items: [{ price: 'gone', quantity: 1 }] } }),
      );
      expect([path, res.status, (await errorOf(res)).code]).toEqual([path, 400, 'invalid_request']);
    }
    expect(writes()).toEqual([]);
  });
});

describe('routing edge cases (rule 6)', () => {
  it.each([
    ['a trailing slash', 'GET', '/catalog/'],
    ['a double slash', 'GET', '//catalog'],
    ['a double slash inside', 'POST', '/payment-methods//default'],
    ['an encoded slash in an id', 'DELETE', '/payment-methods/pm_1%2F..%2Fdefault'],
    ['an encoded slash in a route name', 'GET', '/payment%2Dmethods'],
    ['an empty id', 'DELETE', '/payment-methods/'],
    ['dot segments that leave basePath', 'GET', '/../catalog'],
  ])('answers 404 for %s, with x-request-id, no-store and no Stripe call', async (_, method, path) => {
    const { tollbooth, recorder } = setup();
    const res = await tollbooth.handle(call(path, { method, user: 'u1' }));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
    expect(res.headers.get('x-request-id')).toMatch(/^tb_/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(recorder.calls).toEqual([]);
  });

  it('gives 405 answers x-request-id and no-store, and Allow names the one method', async () => {
    const { tollbooth } = setup();
    for (const [method, path, allow] of [
      ['GET', '/payment-methods/pm_1', 'DELETE'],
      ['PUT', '/checkout', 'POST'],
      ['POST', '/checkout/cs_1', 'GET'],
      ['HEAD', '/invoices', 'GET'],
      ['GET', '/subscriptions/sub_1/cancel', 'POST'],
    ] as const) {
      const res = await tollbooth.handle(new Request(`${BASE}${path}`, { method }));
      expect([path, res.status, res.headers.get('allow')]).toEqual([path, 405, allow]);
      expect(res.headers.get('x-request-id')).toMatch(/^tb_/);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers 404 (not 405) for every method of a disabled action and of /webhooks without webhooks', async () => {
    const { tollbooth } = setup({ disabledActions: ['refunds.create'], webhooks: undefined });
    for (const method of ['GET', 'POST', 'DELETE']) {
      for (const path of ['/refunds', '/webhooks']) {
        const res = await tollbooth.handle(call(path, { method, user: 'u1' }));
        expect([method, path, res.status, res.headers.get('allow')]).toEqual([method, path, 404, null]);
      }
    }
  });

  it('serves a basePath of "/" (a service that is only Tollbooth)', async () => {
    const t = simSetup({ basePath: '/' });
    expect(t.tollbooth.basePath).toBe('');
    const res = await t.tollbooth.handle(new Request(`${ORIGIN}/catalog`));
    expect(res.status).toBe(200);
    const guest = await t.tollbooth.handle(
      new Request(`${ORIGIN}/checkout`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ items }),
      }),
    );
    expect(guest.status).toBe(200);
    expect(guest.headers.get('set-cookie')).toMatch(/; Path=\/; /);
  });
});

describe('unknown fields are rejected everywhere (rule 3)', () => {
  it.each([
    ['GET', '/catalog?price=price_stranger'],
    ['GET', '/payment-methods?customer=cus_victim'],
    ['GET', '/checkout/cs_test_1?user=u2'],
    ['POST', '/payment-intents?amount=1'],
    ['POST', '/refunds?paymentIntent=pi_victim'],
    ['DELETE', '/payment-methods/pm_1?customer=cus_victim'],
  ])(
    'answers 400 to %s %s: no route reads the query string, and Stripe is not called',
    async (method, path) => {
      const { tollbooth, recorder, audit } = setup({ authorize: () => true });
      const body = method === 'POST' ? { items } : undefined;
      const res = await tollbooth.handle(call(path, { method, body, user: 'u1' }));
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toEqual({
        code: 'invalid_request',
        message: 'This route takes no query parameters.',
      });
      expect(recorder.calls).toEqual([]);
      expect(audit).toMatchObject([{ decision: 'deny', outcome: 'invalid_request', status: 400 }]);
    },
  );

  it('tolerates the catch-all segments Next.js repeats as query parameters on edge runtimes', async () => {
    const { tollbooth, audit } = setup({ authorize: () => false });
    for (const query of [
      'tollbooth=payment-methods&tollbooth=pm_1',
      'nxtPtollbooth=payment-methods%2Fpm_1',
      'slug=payment-methods/pm_1',
    ]) {
      const res = await tollbooth.handle(
        call(`/payment-methods/pm_1?${query}`, { method: 'DELETE', user: 'u1' }),
      );
      // Past the query check: u1 has no such card (404), the query string itself is not refused.
      expect([query, res.status]).toEqual([query, 404]);
    }
    for (const query of ['tollbooth=payment-methods&tollbooth=pm_2', 'tollbooth=payment-methods/pm_1&x=1']) {
      const res = await tollbooth.handle(
        call(`/payment-methods/pm_1?${query}`, { method: 'DELETE', user: 'u1' }),
      );
      expect([query, res.status]).toEqual([query, 400]);
    }
    expect(audit.map((a) => a.outcome)).toEqual([
      'not_found',
      'not_found',
      'not_found',
      'invalid_request',
      'invalid_request',
    ]);
  });

  it('still accepts webhooks whose endpoint URL carries a query string', async () => {
    const { tollbooth } = setup();
    const res = await tollbooth.handle(
      new Request(`${BASE}/webhooks?source=stripe`, { method: 'POST', body: '{}' }),
    );
    // Refused for its (missing) signature, not for the query string.
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/Stripe-Signature/);
  });
});

describe('path ids (rule 2)', () => {
  it('never sends a client secret to Stripe as an id, nor writes it into the audit entry', async () => {
    const { tollbooth, recorder, audit } = setup({ authorize: () => true });
    const secret = 'cs_test_a1B2c3_secret_d4E5f6';
    const res = await tollbooth.handle(call(`/checkout/${secret}`, { user: 'u1' }));
    expect(res.status).toBe(404);
    expect(recorder.calls).toEqual([]);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.resourceId).toBeNull();
    expect(JSON.stringify(audit)).not.toContain('_secret');
  });

  it('records a well-formed path id of a refused request in the audit entry, and an odd one as null', async () => {
    const { tollbooth, audit } = setup({ authorize: () => false });
    await tollbooth.handle(call('/payment-methods/pm_123', { method: 'DELETE', user: 'u1' }));
    await tollbooth.handle(call('/payment-methods/%3Cscript%3E', { method: 'DELETE', user: 'u1' }));
    expect(audit.map((a) => a.resourceId)).toEqual(['pm_123', null]);
    expect(audit.every((a) => a.decision === 'deny')).toBe(true);
  });
});

describe('startup checks catch typos that would fail silently (rule 11)', () => {
  it('throws on a rateLimit entry for an unknown action', () => {
    const { config } = testConfig();
    expect(() =>
      createTollbooth({
        ...config,
        rateLimit: { 'paymentIntents.create': { limit: 1, windowSeconds: 60 } } as never,
      }),
    ).toThrow(/rateLimit names an unknown action "paymentIntents.create"/);
  });

  it('throws on an rbac pattern that can never match', () => {
    expect(() => rbac({ support: ['refund.create'] as never })).toThrow(
      /role "support" names an unknown action pattern "refund.create"/,
    );
    expect(() => rbac({ customer: { 'payments.*': true } as never })).toThrow(/unknown action pattern/);
    expect(() => rbac({ admin: ['*'], customer: ['paymentMethods.*', 'checkout.read'] })).not.toThrow();
  });
});

describe('Checkout passes the user on to the objects it creates', () => {
  it.each([
    ['payment', 'basic', 'payment_intent_data'],
    ['subscription', 'pro', 'subscription_data'],
  ])('%s mode sets %s… metadata.tollbooth_user_id', async (mode, price, field) => {
    const { tollbooth, sim } = simSetup();
    const res = await tollbooth.handle(
      call('/checkout', { user: 'u1', body: { items: [{ price, quantity: 1 }], mode } }),
    );
    expect(res.status).toBe(200);
    const create = sim.requests.find((r) => r.path === '/v1/checkout/sessions');
    expect(create?.params).toMatchObject({ [field]: { metadata: { tollbooth_user_id: 'u1' } } });
  });

  it('sends no user metadata for a guest', async () => {
    const { tollbooth, sim } = simSetup();
    const res = await tollbooth.handle(call('/checkout', { body: { items } }));
    expect(res.status).toBe(200);
    const create = sim.requests.find((r) => r.path === '/v1/checkout/sessions');
    expect(create?.params).not.toHaveProperty('payment_intent_data');
    expect(create?.params).toMatchObject({ customer_creation: 'if_required' });
  });
});

describe('Idempotency-Key (rule 4)', () => {
  it.each([
    ['256 characters', 'k'.repeat(256)],
    ['a space', 'two words'],
    ['non-ASCII', 'clé-1'],
    ['empty', ''],
  ])('answers 400 to a key with %s, before any Stripe call', async (_, key) => {
    const { tollbooth, recorder } = setup({ authorize: () => true });
    const req = call('/payment-intents', { user: 'u1', body: { items } });
    const headers = new Headers(req.headers);
    headers.set('idempotency-key', key);
    const res = await tollbooth.handle(new Request(req, { headers }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/Idempotency-Key/);
    expect(recorder.calls).toEqual([]);
  });

  it('without the header, each request is its own attempt (no deduplication)', async () => {
    const { tollbooth, sim } = simSetup();
    for (let i = 0; i < 2; i++) {
      const res = await tollbooth.handle(call('/payment-intents', { user: 'u1', body: { items } }));
      expect(res.status).toBe(200);
    }
    const creates = sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
    expect(creates).toHaveLength(2);
    expect(creates[0]?.idempotencyKey).toMatch(/^tollbooth-[0-9a-f]{64}$/);
    expect(creates[0]?.idempotencyKey).not.toBe(creates[1]?.idempotencyKey);
  });
});
