/**
 * Rule 6 of docs/design.md: every non-GET action needs `Content-Type: application/json` and an exact Origin
 * match; GET never writes; a wrong method is 405 and an unknown path 404, whatever override header or
 * parameter is sent.
 */
import { ACTIONS, type ActionName, ROUTES } from '@tollbooth/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, expectOk, expectRefused } from './support/expect';
import { attachCard, customerOf, openCheckout, paidIntent, subscribe } from './support/fixtures';
import { ADMIN_SITE, BASE_PATH, createHarness, type Harness, SHOP } from './support/harness';
import { type OwnIds, READ_ACTIONS, validCall, WRITE_ACTIONS } from './support/routes';

let h: Harness;
let ids: OwnIds;
beforeAll(async () => {
  h = await createHarness();
  await customerOf(h, 'alice');
  ids = {
    session: await openCheckout(h, 'alice'),
    pm: await attachCard(h, 'alice'),
    sub: await subscribe(h, 'alice'),
    pi: await paidIntent(h, 'alice'),
  };
});
afterAll(() => h.close());

const asFor = (action: ActionName) => (action === 'refunds.create' ? 'admin' : 'alice');

describe('Origin', () => {
  const origins: Array<[string, string | null]> = [
    ['a foreign origin', 'https://evil.com'],
    ['the string "null"', 'null'],
    ['no Origin header', null],
    ['the shop’s host as a prefix of another domain', 'https://shop.example.com.evil.com'],
    ['a subdomain of the shop', 'https://evil.shop.example.com'],
    ['the shop over http', 'http://shop.example.com'],
    ['the shop on another port', 'https://shop.example.com:8443'],
    ['two origins in one header', 'https://shop.example.com, https://evil.com'],
    ['a file origin', 'file://'],
  ];
  for (const action of WRITE_ACTIONS) {
    it.each(origins)(`${action} from %s → 403`, async (_n, origin) => {
      const res = await h.call(action, { ...validCall(action, ids), as: asFor(action), origin });
      expectRefused(res, 403, 'forbidden');
    });
  }
  it.each(['paymentIntent.create', 'portal.create', 'setupIntent.create'] as const)(
    '%s from an origin listed in `origins` is allowed',
    async (action) => {
      expectOk(await h.call(action, { ...validCall(action, ids), origin: ADMIN_SITE }));
    },
  );
});

describe('Content-Type', () => {
  const types: Array<[string, string | null]> = [
    ['text/plain (a cross-site form can send it)', 'text/plain'],
    ['text/plain;charset=UTF-8', 'text/plain;charset=UTF-8'],
    ['a urlencoded form', 'application/x-www-form-urlencoded'],
    ['a multipart form', 'multipart/form-data; boundary=x'],
    ['no Content-Type', null],
    ['application/jsonx', 'application/jsonx'],
    ['application/json-patch+json', 'application/json-patch+json'],
    ['text/json', 'text/json'],
  ];
  for (const action of WRITE_ACTIONS) {
    it.each(types)(`${action} sent as %s → 415`, async (_n, contentType) => {
      const call = validCall(action, ids);
      const res = await h.call(action, { ...call, as: asFor(action), contentType, body: call.body ?? {} });
      expectRefused(res, 415, 'unsupported_media_type');
    });
  }
  it('DELETE without a JSON type and without a body → 415, the card stays attached', async () => {
    const res = await h.call('paymentMethods.detach', { id: ids.pm, contentType: null });
    expectRefused(res, 415, 'unsupported_media_type');
    expect((await h.stripe.paymentMethods.retrieve(ids.pm)).customer).not.toBeNull();
  });
  it('application/json; charset=utf-8 is JSON', async () => {
    expectOk(
      await h.call('setupIntent.create', { body: {}, contentType: 'application/json; charset=utf-8' }),
    );
  });
});

describe('method override never turns a GET or a POST into something else', () => {
  const overrides: Array<
    [string, ActionName, { method: string; headers?: Record<string, string>; query?: string }]
  > = [
    [
      'X-HTTP-Method-Override: DELETE on POST /payment-methods/:id',
      'paymentMethods.detach',
      { method: 'POST', headers: { 'x-http-method-override': 'DELETE' } },
    ],
    [
      'X-HTTP-Method: DELETE on POST /payment-methods/:id',
      'paymentMethods.detach',
      { method: 'POST', headers: { 'x-http-method': 'DELETE' } },
    ],
    [
      'X-Method-Override: DELETE on POST /payment-methods/:id',
      'paymentMethods.detach',
      { method: 'POST', headers: { 'x-method-override': 'DELETE' } },
    ],
    [
      '?_method=DELETE on POST /payment-methods/:id',
      'paymentMethods.detach',
      { method: 'POST', query: '_method=DELETE' },
    ],
    [
      '?_method=DELETE on GET /payment-methods/:id',
      'paymentMethods.detach',
      { method: 'GET', query: '_method=DELETE' },
    ],
    [
      'X-HTTP-Method-Override: POST on GET /subscriptions/:id/cancel',
      'subscriptions.cancel',
      { method: 'GET', headers: { 'x-http-method-override': 'POST' } },
    ],
    [
      '?_method=POST on GET /subscriptions/:id/cancel',
      'subscriptions.cancel',
      { method: 'GET', query: '_method=POST' },
    ],
    [
      '?_method=POST on GET /payment-methods/:id/default',
      'paymentMethods.setDefault',
      { method: 'GET', query: '_method=POST' },
    ],
    [
      'X-HTTP-Method-Override: POST on GET /refunds',
      'refunds.create',
      { method: 'GET', headers: { 'x-http-method-override': 'POST' } },
    ],
    [
      'X-HTTP-Method-Override: POST on GET /payment-intents',
      'paymentIntent.create',
      { method: 'GET', headers: { 'x-http-method-override': 'POST' } },
    ],
    [
      'X-HTTP-Method-Override: POST on GET /checkout',
      'checkout.create',
      { method: 'GET', headers: { 'x-http-method-override': 'POST' } },
    ],
  ];
  it.each(overrides)('%s → 405, nothing written', async (_n, action, o) => {
    const id = ROUTES[action].path.includes(':id')
      ? action.startsWith('sub')
        ? ids.sub
        : ids.pm
      : undefined;
    const res = await h.call(action, {
      ...o,
      id,
      as: asFor(action),
      body: o.method === 'GET' ? undefined : {},
    });
    expectRefused(res, 405, 'method_not_allowed');
  });
  it('after all overrides, the card is attached and the subscription not cancelled', async () => {
    expect((await h.stripe.paymentMethods.retrieve(ids.pm)).customer).not.toBeNull();
    expect((await h.stripe.subscriptions.retrieve(ids.sub)).cancel_at_period_end).toBe(false);
  });
});

describe('GET never changes state', () => {
  it.each(READ_ACTIONS)('%s by a user with no Stripe customer writes nothing to Stripe', async (action) => {
    const res = await h.call(action, { ...validCall(action, ids), as: 'dave' });
    expect(res.status).toBeLessThan(500);
    expect(res.writes.map((w) => w.path)).toEqual([]);
  });
});

describe('wrong methods and unknown paths', () => {
  const METHODS = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'];
  const wrong = ACTIONS.flatMap((action) =>
    METHODS.filter((m) => m !== ROUTES[action].method).map((m) => [action, m] as [ActionName, string]),
  );
  it.each(wrong)('%s with %s → 405', async (action, method) => {
    const call = validCall(action, ids);
    const res = await h.call(action, {
      ...call,
      method,
      as: asFor(action),
      body: method === 'GET' ? undefined : (call.body ?? {}),
    });
    expectRefused(res, 405, 'method_not_allowed');
  });

  const paths = [
    '/',
    '/nope',
    '/catalog/extra',
    '/checkout/cs_test_1/extra',
    '/payment-methods/pm_1/default/x',
    '/CATALOG',
    '/refunds/x',
    '/webhooks/x',
    '/payment-methods/',
    '/checkout/',
  ];
  it.each(paths)('GET %s → 404', async (path) => {
    expectRefused(await h.call(null, { path }), 404, 'not_found');
  });
  it.each(paths)('POST %s → 404 or 405', async (path) => {
    expectRefused(await h.call(null, { path, method: 'POST', body: {} }), [404, 405]);
  });
  it.each([
    `${SHOP}/api/tollboothx/catalog`,
    `${SHOP}/api/catalog`,
    `${SHOP}${BASE_PATH}`,
    `${SHOP}${BASE_PATH}/%2e%2e/refunds`,
    `${SHOP}${BASE_PATH}//refunds`,
  ])('POST %s (outside or around the base path) → 404 or 405', async (url) => {
    const request = new Request(url, {
      method: 'POST',
      headers: { origin: SHOP, 'content-type': 'application/json', cookie: 'tb_session=admin' },
      body: JSON.stringify({ paymentIntent: ids.pi }),
    });
    expectBadInput(await h.send(request, 'admin'), [404, 405]);
  });
  it('OPTIONS on a write route is no open CORS door', async () => {
    const res = await h.call('paymentIntent.create', { method: 'OPTIONS', origin: 'https://evil.com' });
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.writes).toEqual([]);
  });
});
