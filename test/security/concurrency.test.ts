/**
 * Rule 4 of docs/design.md under load: 10 and 50 parallel duplicates create one object; two users' keys never
 * collide; a user's first requests at once create one customer; parallel partial refunds never exceed the
 * charge.
 */
import type { ActionName } from '@tollbooth/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from './support/expect';
import { record } from './support/figures';
import { attachCard, customerOf, paidIntent } from './support/fixtures';
import { type CallResult, createHarness, defaultAuthorize, type Harness } from './support/harness';
import { ITEMS } from './support/routes';

let h: Harness;
beforeAll(async () => {
  // The app's policy plus anonymous checkout (a guest shop), so anonymous idempotency can be exercised.
  h = await createHarness({
    authorize: (...args) => (args[0] === null && args[1] === 'checkout.create') || defaultAuthorize(...args),
  });
  await customerOf(h, 'alice');
  await customerOf(h, 'bob');
});
afterAll(() => h.close());

/** The id a create action answers with (the portal answers only a URL). */
const idOf = (res: CallResult) => (res.json?.id ?? res.json?.url) as string | undefined;

/** Distinct Idempotency-Keys the server sent to Stripe for `path` since `mark`: one per object it meant to make. */
const keysSent = (mark: number, path: string) =>
  new Set(
    h
      .writesSince(mark)
      .filter((w) => w.path === path)
      .map((w) => w.idempotencyKey ?? `none:${Math.random()}`),
  );

const CREATES: Array<[ActionName, string, () => Promise<Record<string, unknown>>, string]> = [
  ['checkout.create', 'alice', async () => ({ items: ITEMS }), '/v1/checkout/sessions'],
  ['paymentIntent.create', 'alice', async () => ({ items: ITEMS }), '/v1/payment_intents'],
  ['setupIntent.create', 'alice', async () => ({}), '/v1/setup_intents'],
  ['portal.create', 'alice', async () => ({}), '/v1/billing_portal/sessions'],
  [
    'refunds.create',
    'admin',
    async () => ({ paymentIntent: await paidIntent(h, 'bob'), amount: 200 }),
    '/v1/refunds',
  ],
];

describe.each([10, 50])('%i parallel duplicates (one Idempotency-Key)', (n) => {
  it.each(CREATES)('%s creates one object', async (action, as, makeBody, path) => {
    const body = await makeBody();
    const key = `dup-${n}-${action}`;
    const mark = h.writeMark();
    const results = await Promise.all(
      Array.from({ length: n }, () => h.call(action, { as, body, idempotencyKey: key })),
    );
    const ok = results.filter((r) => r.status === 200);
    for (const r of results) expect([200, 409], r.text).toContain(r.status);
    expect(ok.length).toBeGreaterThan(0);
    const ids = new Set(ok.map(idOf));
    const keys = keysSent(mark, path);
    if (ids.size !== 1 || keys.size !== 1) {
      record('duplicateSideEffect', `${action} ×${n}: ${ids.size} ids, ${keys.size} Stripe keys`);
    }
    expect(ids.size).toBe(1);
    expect(keys.size).toBe(1);
    if (action === 'refunds.create') {
      const refunds = await h.stripe.refunds.list({
        payment_intent: body.paymentIntent as string,
        limit: 100,
      });
      expect(refunds.data.length).toBe(1);
    }
  });
});

describe('keys are scoped to their owner', () => {
  it('alice and bob sending the same Idempotency-Key get their own PaymentIntents', async () => {
    const [a, b] = await Promise.all([
      h.call('paymentIntent.create', { as: 'alice', body: { items: ITEMS }, idempotencyKey: 'shared-key' }),
      h.call('paymentIntent.create', { as: 'bob', body: { items: ITEMS }, idempotencyKey: 'shared-key' }),
    ]);
    expectOk(a);
    expectOk(b);
    if (a.json.id === b.json.id)
      record('duplicateSideEffect', 'two users got one PaymentIntent for a shared key');
    expect(a.json.id).not.toBe(b.json.id);
    expect(a.json.clientSecret).not.toBe(b.json.clientSecret);
    const [pa, pb] = await Promise.all([
      h.stripe.paymentIntents.retrieve(a.json.id),
      h.stripe.paymentIntents.retrieve(b.json.id),
    ]);
    expect(pa.customer).not.toBe(pb.customer);
  });
  it('two anonymous visitors with the same Idempotency-Key get their own Checkout Sessions', async () => {
    const [a, b] = await Promise.all([
      h.call('checkout.create', { as: null, body: { items: ITEMS }, idempotencyKey: 'anon-shared' }),
      h.call('checkout.create', { as: null, body: { items: ITEMS }, idempotencyKey: 'anon-shared' }),
    ]);
    expectOk(a);
    expectOk(b);
    expect(a.json.id).not.toBe(b.json.id);
  });
  it('one anonymous visitor (same session cookie) retrying gets the same session', async () => {
    const first = await h.call('checkout.create', {
      as: null,
      body: { items: ITEMS },
      idempotencyKey: 'anon-retry',
    });
    expectOk(first);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/=/);
    const retry = await h.call('checkout.create', {
      as: null,
      body: { items: ITEMS },
      idempotencyKey: 'anon-retry',
      headers: { cookie },
    });
    expectOk(retry);
    expect(retry.json.id).toBe(first.json.id);
  });
});

describe('first requests of a new user', () => {
  it.each([
    ['carol', 10],
    ['dave', 50],
  ] as const)('%s’s %i parallel first requests create one Stripe customer', async (user, n) => {
    const mark = h.writeMark();
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        h.call('setupIntent.create', { as: user, body: {}, idempotencyKey: `first-${i}` }),
      ),
    );
    for (const r of results) expectOk(r);
    const customers = new Set(
      await Promise.all(
        results.map(async (r) => (await h.stripe.setupIntents.retrieve(r.json.id)).customer as string),
      ),
    );
    const keys = keysSent(mark, '/v1/customers');
    if (customers.size !== 1 || keys.size !== 1) {
      record('duplicateSideEffect', `${user}: ${customers.size} customers, ${keys.size} customer keys`);
    }
    expect(customers.size).toBe(1);
    expect(keys.size).toBe(1);
  });
});

describe('parallel writes on one object', () => {
  // A detach that passed the ownership check while a parallel one removed the card gets Stripe's refusal: 400.
  it('10 parallel detaches of one card: it is removed once, the rest are 404 or 400, no 5xx', async () => {
    const pm = await attachCard(h, 'alice');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => h.call('paymentMethods.detach', { id: pm })),
    );
    for (const r of results) expect([200, 400, 404], r.text).toContain(r.status);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect((await h.stripe.paymentMethods.retrieve(pm)).customer).toBeNull();
  });
  it('one Idempotency-Key reused with different refund amounts in parallel makes at most one refund', async () => {
    const pi = await paidIntent(h, 'alice');
    const results = await Promise.all(
      [100, 200, 300, 400, 500].map((amount) =>
        h.call('refunds.create', {
          as: 'admin',
          body: { paymentIntent: pi, amount },
          idempotencyKey: 'one-key',
        }),
      ),
    );
    for (const r of results) expect([200, 400, 409], r.text).toContain(r.status);
    const refunds = await h.stripe.refunds.list({ payment_intent: pi, limit: 100 });
    if (refunds.data.length > 1) record('duplicateSideEffect', `one key, ${refunds.data.length} refunds`);
    expect(refunds.data.length).toBeLessThanOrEqual(1);
  });
});

describe('parallel refunds never exceed the charge', () => {
  async function refundInParallel(
    pi: string,
    n: number,
    amount?: number,
  ): Promise<{ ok: CallResult[]; all: CallResult[] }> {
    const all = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        h.call('refunds.create', {
          as: 'admin',
          body: amount === undefined ? { paymentIntent: pi } : { paymentIntent: pi, amount },
          idempotencyKey: `refund-${pi}-${i}`,
        }),
      ),
    );
    return { ok: all.filter((r) => r.status === 200), all };
  }

  async function checkInvariant(pi: string, charged: number, label: string, ok: CallResult[]): Promise<void> {
    const answered = ok.reduce((sum, r) => sum + (r.json.amount as number), 0);
    const refunds = await h.stripe.refunds.list({ payment_intent: pi, limit: 100 });
    const inStripe = refunds.data
      .filter((r) => r.status !== 'failed' && r.status !== 'canceled')
      .reduce((s, r) => s + r.amount, 0);
    if (answered > charged || inStripe > charged) {
      record(
        'refundInvariant',
        `${label}: answered ${answered}, Stripe holds ${inStripe}, charged ${charged}`,
      );
    }
    expect(answered).toBeLessThanOrEqual(charged);
    expect(inStripe).toBeLessThanOrEqual(charged);
    expect(answered).toBe(inStripe);
  }

  it.each([
    [10, 400],
    [50, 100],
    [10, 1500],
  ])('%i parallel partial refunds of %i on a 1500 charge', async (n, amount) => {
    const pi = await paidIntent(h, 'alice');
    const { ok, all } = await refundInParallel(pi, n, amount);
    for (const r of all) expect([200, 400, 409], r.text).toContain(r.status);
    expect(ok.length).toBeGreaterThan(0);
    await checkInvariant(pi, 1500, `${n}×${amount}`, ok);
  });
  it('10 parallel full refunds: exactly one succeeds', async () => {
    const pi = await paidIntent(h, 'alice');
    const { ok, all } = await refundInParallel(pi, 10);
    for (const r of all) expect([200, 400, 409], r.text).toContain(r.status);
    expect(ok.length).toBe(1);
    await checkInvariant(pi, 1500, '10×full', ok);
  });
  it('a partial refund then parallel full refunds refund only the remainder', async () => {
    const pi = await paidIntent(h, 'alice');
    expectOk(await h.call('refunds.create', { as: 'admin', body: { paymentIntent: pi, amount: 500 } }));
    const { ok } = await refundInParallel(pi, 10);
    expect(ok.map((r) => r.json.amount)).toEqual([1000]);
    const refunds = await h.stripe.refunds.list({ payment_intent: pi, limit: 100 });
    const total = refunds.data.reduce((s, r) => s + r.amount, 0);
    if (total > 1500) record('refundInvariant', `partial+full: ${total} of 1500`);
    expect(total).toBe(1500);
  });
  it('support’s 50.00 limit holds for a refund of what remains of a larger charge', async () => {
    // The policy reads `resource.amount`; a 200.00 charge stays above 50.00 however much was refunded.
    const pi = await paidIntent(h, 'alice', [{ price: 'big', quantity: 1 }]);
    const res = await h.call('refunds.create', { as: 'support', body: { paymentIntent: pi, amount: 100 } });
    expect(res.status).toBe(403);
  });
});
