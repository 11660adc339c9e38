/**
 * Rule 1 of docs/design.md for roles: `rbac()` grants only on a matching rule that returns literal `true`;
 * roles, user ids and customer ids sent by the client (body, query, headers) change nothing.
 */
import type { ActionName } from '@tollbooth/core';
import { type AuthorizeFn, type RbacPolicy, rbac } from '@tollbooth/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, expectOk, expectRefused } from './support/expect';
import { arrangeTwoCustomers, paidIntent } from './support/fixtures';
import { createHarness, defaultAuthorize, type Harness } from './support/harness';
import { type OwnIds, validCall } from './support/routes';

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

describe('rbac() as the policy: only a matching rule that returns literal true grants', () => {
  const cases: Array<[string, RbacPolicy, Parameters<typeof rbac>[1], string, ActionName, boolean]> = [
    [
      'a namespace wildcard grants its namespace',
      { customer: ['paymentMethods.*'] },
      {},
      'alice',
      'paymentMethods.list',
      true,
    ],
    [
      'a namespace wildcard grants nothing outside it',
      { customer: ['paymentMethods.*'] },
      {},
      'alice',
      'paymentIntent.create',
      false,
    ],
    [
      'a role missing from the policy grants nothing',
      { admin: ['*'] },
      {},
      'alice',
      'paymentMethods.list',
      false,
    ],
    [
      'a rule of `false` grants nothing',
      { customer: { 'paymentMethods.list': false as unknown as true } },
      {},
      'alice',
      'paymentMethods.list',
      false,
    ],
    [
      'a rule of "true" grants nothing',
      { customer: { 'paymentMethods.list': 'true' as unknown as true } },
      {},
      'alice',
      'paymentMethods.list',
      false,
    ],
    [
      'an undefined role entry grants nothing',
      { customer: undefined as unknown as [] },
      {},
      'alice',
      'paymentMethods.list',
      false,
    ],
    [
      'a throwing condition grants nothing',
      {
        customer: {
          'paymentMethods.list': () => {
            throw new Error('condition failed');
          },
        },
      },
      {},
      'alice',
      'paymentMethods.list',
      false,
    ],
    [
      'a condition returning 1 grants nothing',
      { customer: { 'paymentMethods.list': (() => 1) as unknown as () => true } },
      {},
      'alice',
      'paymentMethods.list',
      false,
    ],
    [
      'getRoles returning a string (not a list) grants nothing',
      { admin: ['*'] },
      { getRoles: () => 'admin' as unknown as string[] },
      'alice',
      'paymentMethods.list',
      false,
    ],
    [
      'getRoles list entries that are not strings are ignored',
      { admin: ['*'] },
      { getRoles: () => [{ toString: () => 'admin' }] as unknown as string[] },
      'alice',
      'paymentMethods.list',
      false,
    ],
    [
      'signed-in users inherit anonymous rules by default',
      { anonymous: ['catalog.read'] },
      {},
      'alice',
      'catalog.read',
      true,
    ],
    [
      'inheritAnonymous: false stops that',
      { anonymous: ['catalog.read'] },
      { inheritAnonymous: false },
      'alice',
      'catalog.read',
      false,
    ],
    [
      'a user without roles gets only anonymous rules',
      { anonymous: ['catalog.read'], customer: ['*'] },
      {},
      'noroles',
      'paymentMethods.list',
      false,
    ],
    [
      'a user without roles still gets anonymous rules',
      { anonymous: ['catalog.read'] },
      {},
      'noroles',
      'catalog.read',
      true,
    ],
    [
      'roles named like Object.prototype keys grant nothing',
      { customer: [] },
      { getRoles: () => ['__proto__', 'constructor', 'toString'] },
      'alice',
      'paymentMethods.list',
      false,
    ],
  ];
  beforeAll(() => {
    h.addUser('noroles', { id: 'u_noroles' });
  });
  afterAll(() => {
    policy = null;
  });
  it.each(cases)('%s', async (_n, rules, options, as, action, granted) => {
    policy = rbac(rules, options) as (...args: Parameters<AuthorizeFn>) => unknown;
    const res = await h.call(action, { ...validCall(action, alice), as });
    policy = null;
    if (granted) expectOk(res);
    else expectRefused(res, 403, 'forbidden');
  });
});

describe('role escalation and identity supplied by the client', () => {
  it('a customer calling the staff refund action gets 403', async () => {
    expectRefused(await h.call('refunds.create', validCall('refunds.create', alice)), 403, 'forbidden');
  });

  it('support may refund within its 50.00 condition (positive control for the condition)', async () => {
    const small = await paidIntent(h, 'alice');
    expectOk(await h.call('refunds.create', { as: 'support', body: { paymentIntent: small } }));
  });

  it('support may not refund above its 50.00 condition', async () => {
    const big = await paidIntent(h, 'alice', [{ price: 'big', quantity: 1 }]);
    expectRefused(
      await h.call('refunds.create', { as: 'support', body: { paymentIntent: big } }),
      403,
      'forbidden',
    );
  });

  const headerTricks: Array<[string, Record<string, string>]> = [
    ['X-User-Role: admin', { 'x-user-role': 'admin' }],
    ['X-Roles: admin', { 'x-roles': 'admin' }],
    ['X-User-Id: u_admin', { 'x-user-id': 'u_admin' }],
    ['X-Tollbooth-Role: admin', { 'x-tollbooth-role': 'admin' }],
    [
      'x-middleware-subrequest',
      { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
    ],
    ['Authorization: Bearer admin', { authorization: 'Bearer admin' }],
    ['a second cookie claiming admin', { cookie: 'tb_session=alice; role=admin; tb_role=admin' }],
  ];
  it.each(headerTricks)('a customer sending %s still gets 403 on refunds', async (_n, headers) => {
    const res = await h.call('refunds.create', { ...validCall('refunds.create', alice), headers });
    expectRefused(res, 403, 'forbidden');
  });
  it.each(headerTricks)('an anonymous caller sending %s still gets 401', async (_n, headers) => {
    const res = await h.call('paymentMethods.list', { as: null, headers: { ...headers, cookie: '' } });
    expectRefused(res, 401, 'unauthenticated');
  });

  it.each(['role=admin', 'roles=admin', 'user=u_admin', 'as=admin', 'action=catalog.read'])(
    'a customer sending ?%s on refunds is still refused (403, or 400 for the query itself)',
    async (query) => {
      expectRefused(
        await h.call('refunds.create', { ...validCall('refunds.create', alice), query }),
        [400, 403],
      );
    },
  );

  const bodyTricks: Array<[ActionName, Record<string, unknown>]> = [
    ['refunds.create', { roles: ['admin'] }],
    ['refunds.create', { role: 'admin' }],
    ['refunds.create', { userId: 'u_admin' }],
    ['refunds.create', { user: { id: 'u_admin', roles: ['admin'] } }],
    ['checkout.create', { customer: 'cus_BOB' }],
    ['checkout.create', { customer_email: 'bob@example.com' }],
    ['checkout.create', { client_reference_id: 'u_bob' }],
    ['checkout.create', { metadata: { tollbooth_user_id: 'u_bob' } }],
    ['paymentIntent.create', { customer: 'cus_BOB' }],
    ['paymentIntent.create', { userId: 'u_bob' }],
    ['setupIntent.create', { customer: 'cus_BOB' }],
    ['portal.create', { customer: 'cus_BOB' }],
    ['refunds.create', { customer: 'cus_BOB' }],
  ];
  it.each(bodyTricks)(
    '%s with a client-supplied %o is refused as an unknown field',
    async (action, extra) => {
      const base = validCall(action, alice).body as Record<string, unknown>;
      const body = JSON.parse(JSON.stringify({ ...base, ...extra }).replaceAll('cus_BOB', bobCustomer));
      const as = action === 'refunds.create' ? 'admin' : 'alice';
      expectBadInput(await h.call(action, { as, body }), 400, 'invalid_request');
    },
  );

  it.each(['paymentMethods.list', 'subscriptions.list', 'invoices.list'] as const)(
    '%s?customer=<bob> is refused, or lists only the caller’s own objects',
    async (action) => {
      const res = await h.call(action, { query: `customer=${bobCustomer}` });
      if (res.status !== 200) return expectBadInput(res, 400, 'invalid_request');
      expect(res.text).not.toContain(bob.pm);
      expect(res.text).not.toContain(bob.sub);
      expect(res.text).not.toContain(bobCustomer);
      if (action === 'paymentMethods.list') expect(res.text).toContain(alice.pm);
      if (action === 'subscriptions.list') expect(res.text).toContain(alice.sub);
    },
  );

  it('POST /portal?customer=<bob> is refused, or opens the portal for the caller’s own customer', async () => {
    const res = await h.call('portal.create', { body: {}, query: `customer=${bobCustomer}` });
    if (res.status !== 200) return expectBadInput(res, 400, 'invalid_request');
    const write = res.writes.find((w) => w.path === '/v1/billing_portal/sessions');
    expect(write?.params.customer).toBe(aliceCustomer);
  });
});
