/**
 * "No route lets an unauthenticated caller cause Stripe calls without bound" (Customers and stores) and rule 1's
 * deny-before-load: a forged anonymous session is a fresh one (it owns nothing, so nothing is loaded); a caller
 * whose policy cannot grant the action causes no Stripe read; every route that reads from Stripe is rate limited
 * by default; a catalog price Stripe does not know is cached as missing.
 */
import type { ActionName } from '@tollbooth/core';
import { rbac } from '@tollbooth/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from './support/expect';
import { record } from './support/figures';
import { arrangeTwoCustomers, type TwoCustomers } from './support/fixtures';
import { CATALOG, createHarness, defaultAuthorize, type Harness, SELF_SERVICE } from './support/harness';
import { ITEMS, validCall } from './support/routes';

/**
 * The middle of the current minute, held still: every rate-limit window of a case is the same window, so no case
 * can straddle a window boundary (timing never decides a result).
 */
const pinned = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
const now = () => pinned;

const harnesses: Harness[] = [];
afterAll(() => Promise.all(harnesses.map((x) => x.close())));

async function harness(...args: Parameters<typeof createHarness>): Promise<Harness> {
  const h = await createHarness(...args);
  harnesses.push(h);
  return h;
}

/** Counts Stripe calls `n` repeats of `send` cause; more than `bound` is a violation. */
async function stripeCallsOf(
  h: Harness,
  n: number,
  bound: number,
  label: string,
  send: () => Promise<unknown>,
) {
  const mark = h.writeMark();
  for (let i = 0; i < n; i++) await send();
  const calls = h.stripeCallsSince(mark).length;
  if (calls > bound)
    record('unboundedStripe', `${label}: ${calls} Stripe calls for ${n} requests (bound ${bound})`);
  expect(calls, label).toBeLessThanOrEqual(bound);
  return calls;
}

const cookieOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((c) => c.split(';')[0] as string)
    .find((c) => c.startsWith('tollbooth_sid='));

describe('forged anonymous sessions', () => {
  let h: Harness;
  let own: { id: string; cookie: string };
  beforeAll(async () => {
    // A guest shop: guests may buy through Checkout and read their own session's status.
    h = await harness({
      // The default rate limits (the harness turns them off for the other files).
      config: { rateLimit: undefined, now },
      authorize: (...args) =>
        (args[0] === null && (args[1] === 'checkout.create' || args[1] === 'checkout.read')) ||
        defaultAuthorize(...args),
    });
    const res = await h.call('checkout.create', { as: null, body: { items: ITEMS } });
    expectOk(res);
    own = { id: res.json.id as string, cookie: cookieOf(res.headers) as string };
    expect(own.cookie).toBeDefined();
  });

  const forged = (value: string) => ({ as: null, headers: { cookie: `tollbooth_sid=${value}` } });
  const random = () => crypto.randomUUID().replaceAll('-', '') + crypto.randomUUID().replaceAll('-', '');

  it('a well-shaped random session id loads nothing from Stripe', async () => {
    await stripeCallsOf(h, 25, 0, 'GET /checkout/:id with forged cookies', async () => {
      const res = await h.call('checkout.read', { ...forged(random().slice(0, 43)), id: own.id });
      expectRefused(res, [401, 404]);
    });
  });

  it('the real session id with its signature altered or dropped is not the session', async () => {
    const value = own.cookie.slice('tollbooth_sid='.length);
    const [id] = value.split('.');
    const variants = [
      id as string,
      `${id}.`,
      `${id}.${'A'.repeat(43)}`,
      `${value}x`,
      `${random()}.${value.split('.')[1]}`,
    ];
    for (const v of variants) {
      const res = await h.call('checkout.read', { ...forged(v), id: own.id });
      if (res.status === 200)
        record('unauthorizedSuccess', `forged cookie ${v.slice(0, 12)}… read the session`);
      expectRefused(res, [401, 404]);
    }
  });

  it('the real cookie reads its own session (positive control)', async () => {
    expectOk(await h.call('checkout.read', { as: null, id: own.id, headers: { cookie: own.cookie } }));
  });

  it('reads with a valid cookie are rate limited by default: Stripe reads stay bounded', async () => {
    const n = 150;
    const calls = await stripeCallsOf(h, n, n - 1, 'GET /checkout/:id with the real cookie', () =>
      h.call('checkout.read', { as: null, id: own.id, headers: { cookie: own.cookie } }),
    );
    expect(calls).toBeGreaterThan(0);
    const last = await h.call('checkout.read', { as: null, id: own.id, headers: { cookie: own.cookie } });
    expectRefused(last, 429, 'rate_limited');
  });
});

describe('deny before loading: a policy that cannot grant causes no Stripe read', () => {
  let h: Harness;
  let ids: TwoCustomers;
  beforeAll(async () => {
    h = await harness();
    ids = await arrangeTwoCustomers(h);
  });

  // The default policy: anonymous may only read the catalog, customers never refund.
  const LOADING: ActionName[] = [
    'checkout.read',
    'paymentMethods.detach',
    'paymentMethods.setDefault',
    'subscriptions.cancel',
    'subscriptions.resume',
    'refunds.create',
  ];
  it.each(LOADING)('anonymous with a session cookie: %s → 401, no Stripe call', async (action) => {
    const cookie = `tollbooth_sid=${'a'.repeat(43)}`;
    await stripeCallsOf(h, 3, 0, `anonymous ${action}`, async () => {
      const res = await h.call(action, { ...validCall(action, ids.alice), as: null, headers: { cookie } });
      expectRefused(res, 401, 'unauthenticated');
    });
  });

  it('a customer asking for a refund (no role grants it) → 403, no Stripe call', async () => {
    await stripeCallsOf(h, 3, 0, 'customer refunds.create', async () => {
      const res = await h.call('refunds.create', { as: 'alice', body: { paymentIntent: ids.bob.pi } });
      expectRefused(res, 403, 'forbidden');
    });
  });

  it('a role without the action at all → 403 with no Stripe call, on every loading route', async () => {
    const narrow = await harness({ authorize: rbac({ customer: ['catalog.read', 'checkout.create'] }) });
    for (const action of LOADING) {
      await stripeCallsOf(narrow, 2, 0, `narrow customer ${action}`, async () => {
        const res = await narrow.call(action, { ...validCall(action, ids.alice), as: 'alice' });
        expectRefused(res, 403, 'forbidden');
      });
    }
  });

  it('a conditional rule still sees the loaded object (positive control)', async () => {
    // support: refunds up to 50.00 in total: it must be asked with the PaymentIntent loaded.
    const res = await h.call('refunds.create', {
      as: 'support',
      body: { paymentIntent: ids.bob.pi, amount: 100 },
    });
    expectOk(res);
  });
});

describe('reads are rate limited by default for signed-in users too', () => {
  it.each(['invoices.list', 'subscriptions.list', 'paymentMethods.list'] as const)(
    '%s: Stripe reads stay bounded',
    async (action) => {
      const h = await harness({ config: { rateLimit: undefined, now } });
      expect(SELF_SERVICE).toContain(action);
      await h.call('setupIntent.create', { body: {} });
      const n = 150;
      await stripeCallsOf(h, n, 2 * (n - 1), action, () => h.call(action));
      expectRefused(await h.call(action), 429, 'rate_limited');
    },
  );
});

describe('a catalog price Stripe does not know', () => {
  it('is asked for once, then cached as missing', async () => {
    const h = await harness({ config: { catalog: { prices: { ...CATALOG, ghost: 'price_ghost' } } } });
    const mark = h.writeMark();
    for (let i = 0; i < 20; i++) {
      const res = await h.call('catalog.read', { as: null });
      expectOk(res);
      expect(res.json.prices.map((p: { id: string }) => p.id)).not.toContain('ghost');
    }
    const asked = h.stripeCallsSince(mark).filter((r) => r.path === '/v1/prices/price_ghost').length;
    if (asked > 1) record('unboundedStripe', `GET /catalog asked Stripe for a missing price ${asked} times`);
    expect(asked).toBe(1);
    const buy = await h.call('paymentIntent.create', { body: { items: [{ price: 'ghost', quantity: 1 }] } });
    expectRefused(buy, 400, 'invalid_request');
  });
});
