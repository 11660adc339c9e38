/**
 * Rule 1 of docs/design.md (deny by default, only literal `true` grants) and rule 2 (act on the authorized
 * object; another customer's id answers 404 with no Stripe write), on every route. Roles and rbac() are in
 * roles.test.ts.
 */
import type { ActionName } from '@tollbooth/core';
import type { AuthorizeFn } from '@tollbooth/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from './support/expect';
import { arrangeTwoCustomers, attachCard, openCheckout, paidIntent } from './support/fixtures';
import { createHarness, defaultAuthorize, type Harness } from './support/harness';
import { ALL_ACTIONS, ITEMS, type OwnIds, validCall } from './support/routes';

/** Replaces the app's policy for one group of cases; fixtures are arranged under the normal policy. */
let policy: ((...args: Parameters<AuthorizeFn>) => unknown) | null = null;
let h: Harness;
let alice: OwnIds;
let bob: OwnIds;
let aliceCustomer: string;
let bobCustomer: string;

beforeAll(async () => {
  h = await createHarness({
    authorize: ((...args: Parameters<AuthorizeFn>) =>
      policy ? policy(...args) : defaultAuthorize(...args)) as AuthorizeFn,
    config: { authorizeTimeoutMs: 250 },
  });
  ({ alice, bob, aliceCustomer, bobCustomer } = await arrangeTwoCustomers(h));
});
afterAll(() => h.close());

describe('no user on every route', () => {
  it.each(ALL_ACTIONS)('%s without a user', async (action) => {
    const res = await h.call(action, { ...validCall(action, alice), as: null });
    if (action === 'catalog.read') expectOk(res);
    else expectRefused(res, 401, 'unauthenticated');
  });

  it.each(ALL_ACTIONS)('%s with a session cookie naming no known user', async (action) => {
    const res = await h.call(action, { ...validCall(action, alice), as: 'mallory' });
    if (action === 'catalog.read') expectOk(res);
    else expectRefused(res, 401, 'unauthenticated');
  });
});

/** What a buggy policy might return instead of literal `true`. Each must deny. */
const NOT_TRUE: Array<[string, () => unknown]> = [
  ['undefined', () => undefined],
  ['null', () => null],
  ['1', () => 1],
  ['"true"', () => 'true'],
  ['{}', () => ({})],
  ['[true]', () => [true]],
  ['new Boolean(true)', () => new Boolean(true)],
  ['a function', () => () => true],
  ['Promise of "true"', () => Promise.resolve('true')],
  ['Promise of 1', () => Promise.resolve(1)],
  ['Promise of {}', () => Promise.resolve({})],
  // biome-ignore lint/suspicious/noThenProperty: a thenable is exactly the value under test.
  ['a thenable of 1', () => ({ then: (resolve: (v: unknown) => void) => resolve(1) })],
  [
    'throwing',
    () => {
      throw new Error('policy exploded at /srv/app/policy.ts:12');
    },
  ],
  [
    'throwing a string',
    () => {
      throw 'policy says no';
    },
  ],
  ['rejecting', () => Promise.reject(new Error('policy store down'))],
  ['hanging', () => new Promise(() => {})],
];

describe.each(NOT_TRUE)('authorize returning %s', (_name, value) => {
  beforeAll(() => {
    policy = value;
  });
  afterAll(() => {
    policy = null;
  });
  it.each(ALL_ACTIONS)('denies %s to a signed-in user with 403', async (action) => {
    const res = await h.call(action, validCall(action, alice));
    expectRefused(res, 403, 'forbidden');
  });
  it('denies an anonymous caller with 401', async () => {
    const res = await h.call('catalog.read', { as: null });
    expectRefused(res, 401, 'unauthenticated');
  });
});

describe('IDOR: another customer’s objects answer 404 with no Stripe write', () => {
  const cases: Array<[ActionName, keyof OwnIds]> = [
    ['checkout.read', 'session'],
    ['paymentMethods.detach', 'pm'],
    ['paymentMethods.setDefault', 'pm'],
    ['subscriptions.cancel', 'sub'],
    ['subscriptions.resume', 'sub'],
    ['subscriptions.previewChange', 'sub'],
    ['subscriptions.change', 'sub'],
  ];
  const missing: Record<keyof OwnIds, string> = {
    session: 'cs_test_doesnotexist000',
    pm: 'pm_doesnotexist000',
    sub: 'sub_doesnotexist000',
    pi: 'pi_doesnotexist000',
  };

  it.each(cases)('%s on bob’s %s as alice', async (action, kind) => {
    // A valid body (a plan change names its price), so the refusal is the ownership rule's.
    const res = await h.call(action, { ...validCall(action, bob), id: bob[kind] });
    expectRefused(res, 404, 'not_found');
    // Existence is not revealed: the answer equals the one for an id that exists nowhere.
    const none = await h.call(action, { ...validCall(action, bob), id: missing[kind] });
    expectRefused(none, 404, 'not_found');
    expect(res.json).toEqual(none.json);
  });

  it.each(cases)(
    '%s on bob’s %s as admin (self-service acts on the caller’s own customer)',
    async (action, kind) => {
      expectRefused(
        await h.call(action, { ...validCall(action, bob), as: 'admin', id: bob[kind] }),
        404,
        'not_found',
      );
    },
  );

  it('bob’s card is still attached and bob’s subscription untouched afterwards', async () => {
    const pm = await h.stripe.paymentMethods.retrieve(bob.pm);
    expect(pm.customer).toBe(bobCustomer);
    const sub = await h.stripe.subscriptions.retrieve(bob.sub);
    expect(sub.cancel_at_period_end).toBe(false);
    const customer = await h.stripe.customers.retrieve(bobCustomer);
    expect(
      (customer as { invoice_settings?: { default_payment_method?: unknown } }).invoice_settings
        ?.default_payment_method ?? null,
    ).not.toBe(alice.pm);
  });

  it('an unattached test card is not anyone’s to detach', async () => {
    expectRefused(await h.call('paymentMethods.detach', { id: 'pm_card_visa' }), 404, 'not_found');
  });

  it('a refund policy sees bob’s PaymentIntent as the resource and can deny alice acting on it', async () => {
    // A policy that lets customers refund their own purchases: it can only work if `resource` is the loaded object.
    policy = (...args) =>
      args[1] === 'refunds.create'
        ? (args[2].resource as { customer?: unknown } | null)?.customer ===
          (args[0]?.id === 'u_bob' ? bobCustomer : aliceCustomer)
        : defaultAuthorize(...args);
    try {
      const before = h.authorizeCalls.length;
      expectRefused(await h.call('refunds.create', { body: { paymentIntent: bob.pi } }), 403, 'forbidden');
      const seen = h.authorizeCalls.slice(before).find((c) => c.action === 'refunds.create');
      expect(seen?.resource).toMatchObject({
        id: bob.pi,
        customer: bobCustomer,
        amount: 1500,
        currency: 'usd',
      });
    } finally {
      policy = null;
    }
  });

  it('a refund of a PaymentIntent that does not exist answers 404 even for admin', async () => {
    expectRefused(
      await h.call('refunds.create', { as: 'admin', body: { paymentIntent: missing.pi } }),
      404,
      'not_found',
    );
  });
});

describe('positive controls: the owner is allowed (so the refusals above can fail)', () => {
  it.each(ALL_ACTIONS)('%s by its owner under the app policy', async (action) => {
    const fresh: OwnIds = {
      session: await openCheckout(h, 'alice'),
      pm: await attachCard(h, 'alice'),
      sub: alice.sub,
      pi: await paidIntent(h, 'alice'),
    };
    const as = action === 'refunds.create' ? 'admin' : 'alice';
    const res = await h.call(action, { ...validCall(action, fresh), as });
    expectOk(res);
  });

  it('the resource given to authorize is the loaded object, for every id route', async () => {
    const pm = await attachCard(h, 'alice');
    const before = h.authorizeCalls.length;
    expectOk(await h.call('paymentMethods.setDefault', { id: pm }));
    expectOk(await h.call('subscriptions.cancel', { id: alice.sub }));
    expectOk(await h.call('checkout.read', { id: alice.session }));
    expectOk(await h.call('paymentIntent.create', { body: { items: ITEMS } }));
    const calls = h.authorizeCalls.slice(before);
    expect(calls.find((c) => c.action === 'paymentMethods.setDefault')?.resource).toMatchObject({ id: pm });
    expect(calls.find((c) => c.action === 'subscriptions.cancel')?.resource).toMatchObject({ id: alice.sub });
    expect(calls.find((c) => c.action === 'checkout.read')?.resource).toMatchObject({ id: alice.session });
    expect(calls.find((c) => c.action === 'paymentIntent.create')?.resource).toMatchObject({
      amount: 1500,
      currency: 'usd',
    });
  });

  it('every decision is audited with allow/deny, and denials carry 401/403', () => {
    expect(h.audit.length).toBeGreaterThan(0);
    for (const entry of h.audit) {
      expect(entry).toMatchObject({ requestId: expect.any(String), action: expect.any(String) });
      expect(['allow', 'deny']).toContain(entry.decision);
      if (entry.status === 401 || entry.status === 403) expect(entry.decision).toBe('deny');
    }
    expect(h.audit.some((e) => e.decision === 'deny' && e.status === 403)).toBe(true);
  });
});
