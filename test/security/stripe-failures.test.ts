/**
 * Stripe failing under the server: 429, 500, a dropped connection, a timeout (the simulator's fault injection),
 * idempotency conflicts, card declines (generic for fraud-type) and a revoked key. Each gives a clear error,
 * leaks nothing (the scanner sees every response and log line), and a retry never duplicates an object.
 */
import type { ActionName } from '@tollbooth/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from './support/expect';
import { record } from './support/figures';
import { customerOf, paidIntent, subscribe } from './support/fixtures';
import { type CallOptions, createHarness, type Harness } from './support/harness';
import { createInjector } from './support/injector';
import { captured } from './support/leaks';
import { ITEMS } from './support/routes';

const injector = createInjector();
let h: Harness;
let aliceCustomer: string;
/** The SDK gives up after this long; the delay fault is longer. */
const TIMEOUT_MS = 1000;
const DELAY_MS = 2500;

beforeAll(async () => {
  h = await createHarness({ stripe: { timeout: TIMEOUT_MS, httpClient: injector.httpClient } });
  aliceCustomer = await customerOf(h, 'alice');
});
afterAll(() => h.close());

interface Target {
  action: ActionName;
  as: string;
  /** The Stripe create call the fault hits. */
  path: string;
  body(): Promise<Record<string, unknown>>;
  /** How many objects of this kind exist for the case's owner. */
  count(body: Record<string, unknown>): Promise<number>;
}

const TARGETS: Target[] = [
  {
    action: 'paymentIntent.create',
    as: 'alice',
    path: '/v1/payment_intents',
    body: async () => ({ items: ITEMS }),
    count: async () =>
      (await h.stripe.paymentIntents.list({ customer: aliceCustomer, limit: 100 })).data.length,
  },
  {
    action: 'checkout.create',
    as: 'alice',
    path: '/v1/checkout/sessions',
    body: async () => ({ items: ITEMS }),
    count: async () =>
      (await h.stripe.checkout.sessions.list({ customer: aliceCustomer, limit: 100 })).data.length,
  },
  {
    action: 'setupIntent.create',
    as: 'alice',
    path: '/v1/setup_intents',
    body: async () => ({}),
    count: async () =>
      (await h.stripe.setupIntents.list({ customer: aliceCustomer, limit: 100 })).data.length,
  },
  {
    action: 'refunds.create',
    as: 'admin',
    path: '/v1/refunds',
    body: async () => ({ paymentIntent: await paidIntent(h, 'alice'), amount: 100 }),
    count: async (body) =>
      (await h.stripe.refunds.list({ payment_intent: body.paymentIntent as string, limit: 100 })).data.length,
  },
];

type Fault = { status: 429 | 500 } | { drop: true } | { delayMs: number };
const FAULTS: Array<[string, Fault, number[]]> = [
  ['429 from Stripe', { status: 429 }, [429, 502]],
  ['500 from Stripe', { status: 500 }, [502]],
  ['a dropped connection', { drop: true }, [502]],
  ['a timeout', { delayMs: DELAY_MS }, [502]],
];

const settle = () => new Promise((r) => setTimeout(r, DELAY_MS + 200));

describe.each(TARGETS)('$action', (target) => {
  it.each(FAULTS)(
    '%s → a clear error, and the retry creates exactly one object',
    async (_n, fault, statuses) => {
      const body = await target.body();
      const before = await target.count(body);
      const key = `retry-${target.action}-${Math.random().toString(36).slice(2)}`;
      h.sim.faults.inject({ path: target.path, method: 'POST', times: 1, ...fault });
      const failed = await h.call(target.action, { as: target.as, body, idempotencyKey: key });
      expect(statuses, failed.text).toContain(failed.status);
      expect(failed.json?.error?.message).toEqual(expect.any(String));
      // The delayed request may still land after the SDK gave up; let it, so the count below sees it.
      if ('delayMs' in fault) await settle();
      const retry = await h.call(target.action, { as: target.as, body, idempotencyKey: key });
      expectOk(retry);
      const again = await h.call(target.action, { as: target.as, body, idempotencyKey: key });
      expectOk(again);
      expect(again.json).toEqual(retry.json);
      const created = (await target.count(body)) - before;
      if (created !== 1) record('duplicateSideEffect', `${target.action} after ${_n}: ${created} objects`);
      expect(created).toBe(1);
    },
  );
});

describe('portal.create', () => {
  it.each(FAULTS)('%s → a clear error, then a retry works', async (_n, fault, statuses) => {
    h.sim.faults.inject({ path: '/v1/billing_portal/sessions', method: 'POST', times: 1, ...fault });
    const failed = await h.call('portal.create', { body: {}, idempotencyKey: 'portal-retry' });
    expect(statuses, failed.text).toContain(failed.status);
    if ('delayMs' in fault) await settle();
    expectOk(await h.call('portal.create', { body: {}, idempotencyKey: 'portal-retry' }));
  });
});

describe('reads', () => {
  it.each([
    ['paymentMethods.list', '/v1/customers/*/payment_methods'],
    ['subscriptions.list', '/v1/subscriptions'],
    ['invoices.list', '/v1/invoices'],
    ['catalog.read', '/v1/prices/*'],
  ] as const)('%s with Stripe answering 500 → 502', async (action, path) => {
    h.sim.faults.inject({ path, method: 'GET', times: 5, status: 500 });
    const res = await h.call(action);
    h.sim.faults.clear();
    expect(res.status).toBe(502);
  });
});

describe('idempotency conflicts', () => {
  it('the same Idempotency-Key with another basket → 409, or a new PaymentIntent for the new amount', async () => {
    const key = 'conflict-key-1';
    const first = await h.call('paymentIntent.create', { body: { items: ITEMS }, idempotencyKey: key });
    expectOk(first);
    const second = await h.call('paymentIntent.create', {
      body: { items: [{ price: 'big', quantity: 1 }] },
      idempotencyKey: key,
    });
    if (second.status === 200) {
      // Never the old PaymentIntent for the new basket: the buyer would be charged what they did not choose.
      expect(second.json.id).not.toBe(first.json.id);
      expect(second.json.amount).toBe(20_000);
    } else {
      expect(second.status).toBe(409);
      expect(second.json.error.code).toBe('conflict');
    }
  });
  it('Stripe answering idempotency_error → 409 conflict', async () => {
    injector.inject({
      method: 'POST',
      path: /^\/v1\/payment_intents$/,
      status: 400,
      body: {
        error: {
          type: 'idempotency_error',
          message:
            "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'tollbooth-abc'.",
        },
      },
    });
    const res = await h.call('paymentIntent.create', { body: { items: ITEMS } });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('conflict');
    expect(res.text).not.toContain('tollbooth-abc');
  });
});

describe('card declines', () => {
  const FRAUD = ['fraudulent', 'stolen_card', 'lost_card', 'pickup_card', 'merchant_blacklist'];
  const PLAIN: Array<[string, string]> = [
    ['insufficient_funds', 'Your card has insufficient funds.'],
    ['generic_decline', 'Your card was declined.'],
    ['expired_card', 'Your card has expired.'],
  ];
  const decline = (decline_code: string, message: string) => ({
    error: {
      type: 'card_error',
      code: 'card_declined',
      decline_code,
      message,
      request_log_url: 'https://dashboard.stripe.com/test/logs/req_injectedLeak12345',
    },
  });

  it.each(FRAUD)('a fraud-type decline (%s) shows only a generic message', async (code) => {
    injector.inject({
      method: 'POST',
      path: /^\/v1\/payment_intents$/,
      status: 402,
      body: decline(code, `Your card was declined: ${code} (risk score 97, flagged by Radar).`),
    });
    const res = await h.call('paymentIntent.create', { body: { items: ITEMS } });
    expect(res.status).toBe(402);
    expect(res.json.error.code).toBe('card_declined');
    expect(res.json.error.message).not.toMatch(/fraud|stolen|lost|pickup|blacklist|risk|radar/i);
  });
  it.each(PLAIN)('a %s decline shows Stripe’s user-facing message', async (code, message) => {
    injector.inject({
      method: 'POST',
      path: /^\/v1\/payment_intents$/,
      status: 402,
      body: decline(code, message),
    });
    const res = await h.call('paymentIntent.create', { body: { items: ITEMS } });
    expect(res.status).toBe(402);
    expect(res.json.error).toEqual({ code: 'card_declined', message });
  });
  it('a decline while resuming a subscription is a 402 too, not a 500', async () => {
    const sub = await subscribe(h, 'alice');
    expectOk(await h.call('subscriptions.cancel', { id: sub }));
    injector.inject({
      method: 'POST',
      path: /^\/v1\/subscriptions\//,
      status: 402,
      body: decline('stolen_card', 'Stolen card.'),
    });
    const res = await h.call('subscriptions.resume', { id: sub });
    expect(res.status).toBe(402);
    expect(res.json.error.message).not.toMatch(/stolen/i);
  });
  it('a raw invalid-request error from Stripe is not passed through', async () => {
    injector.inject({
      method: 'POST',
      path: /^\/v1\/payment_intents$/,
      status: 400,
      body: {
        error: {
          type: 'invalid_request_error',
          message:
            "No such customer: 'cus_someoneElse'; a similar object exists in live mode, but a test mode key was used.",
        },
      },
    });
    const res = await h.call('paymentIntent.create', { body: { items: ITEMS } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.text).not.toContain('cus_someoneElse');
  });
});

describe('a revoked API key', () => {
  let revoked: Harness;
  beforeAll(async () => {
    revoked = await createHarness({ secretKey: 'sk_live_revokedKey0000000000wxyz' });
  });
  afterAll(() => revoked.close());

  // Each of these calls Stripe on its first step (a price, a customer, a PaymentIntent, a session).
  const calls: Array<[ActionName, CallOptions]> = [
    ['catalog.read', {}],
    ['paymentIntent.create', { body: { items: ITEMS } }],
    ['checkout.create', { body: { items: ITEMS } }],
    ['setupIntent.create', { body: {} }],
    ['checkout.read', { id: 'cs_test_someSession0' }],
    ['refunds.create', { as: 'admin', body: { paymentIntent: 'pi_somePayment0' } }],
  ];
  it.each(calls)('%s → 502 upstream_error, no key in the answer', async (action, options) => {
    const res = await revoked.call(action, options);
    expect(res.status).toBe(502);
    expect(res.json.error.code).toBe('upstream_error');
    expect(res.text).not.toMatch(/wxyz|revoked|sk_live/i);
  });
  it('the operator’s log names the cause (an authentication error), without the key', () => {
    const lines = captured.lines.filter((l) => /authentication/i.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).not.toMatch(/wxyz|sk_live/);
  });
});
