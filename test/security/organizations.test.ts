/**
 * The organisation axis of rules 1 and 2: every route × {owner's billing admin, plain member, member of another
 * organisation, signed out} × {own, other organisation's object}, and attempts to name another owner in the
 * request (header, body field, query). The owner comes only from `billingOwner`, which reads the app's session.
 */
import type { ActionName } from '@tollbooth/core';
import { type BillingOwner, orgBillingPolicy, rbac, type TollboothUser } from '@tollbooth/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from './support/expect';
import { arrangeTwoCustomers } from './support/fixtures';
import { type CallOptions, createHarness, type Harness } from './support/harness';
import { ALL_ACTIONS, ID_ACTIONS, type OwnIds, validCall } from './support/routes';

/** The app's session: each user's active organisation and their role in it (the server's record, not the client's). */
const ACTIVE: Record<string, { org: string; role: string }> = {
  u_alice: { org: 'acme', role: 'billing_admin' },
  u_bob: { org: 'acme', role: 'member' },
  u_carol: { org: 'globex', role: 'billing_admin' },
};

const billingOwner = (user: TollboothUser): BillingOwner | null => {
  const active = ACTIVE[user.id];
  return active ? { type: 'organization', id: active.org, role: active.role } : null;
};

/** What a read-only member may do. */
const MEMBER_READS = new Set<ActionName>(['catalog.read', 'subscriptions.list', 'billing.read']);

let h: Harness;
let acme: OwnIds;
let globex: OwnIds;

/** A valid call for `action` on `ids`; the change routes name a price so only ownership and roles decide. */
function callFor(action: ActionName, ids: OwnIds): CallOptions {
  if (action === 'subscriptions.change' || action === 'subscriptions.previewChange') {
    return { id: ids.sub, body: { price: 'pro' } };
  }
  return validCall(action, ids);
}

beforeAll(async () => {
  h = await createHarness({
    authorize: rbac({ ...orgBillingPolicy() }),
    config: { billingOwner, plans: { pro: { prices: ['pro'] } } },
  });
  // alice arranges acme's objects and carol globex's, both as billing admins through the server.
  const two = await arrangeTwoCustomers({
    ...h,
    call: (action, options = {}) =>
      h.call(action, { ...options, as: options.as === 'bob' ? 'carol' : options.as }),
  });
  acme = two.alice;
  globex = two.bob;
});
afterAll(() => h.close());

describe('one customer per organisation', () => {
  it('gives alice and bob (both of acme) the same customer, tagged organization:acme, and carol another', async () => {
    const customers = await h.stripe.customers.list({ limit: 100 });
    const owners = customers.data.map((c) => c.metadata.tollbooth_owner).sort();
    expect(owners).toEqual(['organization:acme', 'organization:globex']);
    const bobSees = await h.call('subscriptions.list', { as: 'bob' });
    expectOk(bobSees);
    expect(bobSees.json.data.map((s: { id: string }) => s.id)).toEqual([acme.sub]);
  });
});

describe('signed out, on every route', () => {
  it.each(ALL_ACTIONS)('%s', async (action) => {
    const res = await h.call(action, { ...callFor(action, acme), as: null });
    if (action === 'catalog.read') expectOk(res);
    else expectRefused(res, 401, 'unauthenticated');
  });
});

describe("another organisation's object, on every route with an id", () => {
  const cases = ID_ACTIONS.flatMap((action) => [
    ['alice', action, 'globex'] as const,
    ['bob', action, 'globex'] as const,
    ['carol', action, 'acme'] as const,
  ]);
  it.each(cases)("%s: %s on %s's object is refused with no write", async (as, action, org) => {
    const mark = h.writeMark();
    const res = await h.call(action, { ...callFor(action, org === 'acme' ? acme : globex), as });
    if (as === 'bob' && !MEMBER_READS.has(action)) {
      // No role of a plain member names the action: refused before anything is loaded (rbac's canGrant), with
      // the answer he gets on his own organisation's objects too, so it tells nothing about globex's.
      expectRefused(res, 403, 'forbidden');
      expect(h.stripeCallsSince(mark)).toEqual([]);
    } else expectRefused(res, 404, 'not_found');
  });
});

describe('a plain member reads the plan and nothing else', () => {
  it.each(ALL_ACTIONS)('bob: %s on his own organisation', async (action) => {
    const res = await h.call(action, { ...callFor(action, acme), as: 'bob' });
    if (MEMBER_READS.has(action)) expectOk(res);
    else expectRefused(res, 403, 'forbidden');
  });
});

describe('the billing admin may read the money of her own organisation only', () => {
  it.each(['paymentMethods.list', 'invoices.list', 'subscriptions.list'] as const)('%s', async (action) => {
    const mine = await h.call(action, { as: 'alice' });
    expectOk(mine);
    const theirs = await h.call(action, { as: 'carol' });
    expectOk(theirs);
    const ids = (res: typeof mine) => res.json.data.map((o: { id: string }) => o.id);
    for (const id of ids(mine)) expect(ids(theirs)).not.toContain(id);
  });

  it('lets the billing admin preview a change on her organisation (a positive control for the refusals)', async () => {
    expectOk(
      await h.call('subscriptions.previewChange', {
        ...callFor('subscriptions.previewChange', acme),
        as: 'alice',
      }),
    );
  });
});

describe('naming another owner in the request never selects it', () => {
  const headers = {
    'x-tollbooth-owner': 'organization:globex',
    'x-organization-id': 'globex',
    'x-org-id': 'globex',
  };
  it('ignores owner headers: alice still sees acme, never globex', async () => {
    const res = await h.call('subscriptions.list', { as: 'alice', headers });
    expectOk(res);
    expect(res.json.data.map((s: { id: string }) => s.id)).toEqual([acme.sub]);
  });

  it("answers 404 for globex's subscription even with globex named in the headers", async () => {
    const res = await h.call('subscriptions.cancel', { id: globex.sub, as: 'alice', headers });
    expectRefused(res, 404, 'not_found');
  });

  it.each(['owner=organization%3Aglobex', 'organization=globex', 'orgId=globex'])(
    'refuses the query %s with 400',
    async (query) => {
      const res = await h.call('subscriptions.list', { as: 'alice', query });
      expectRefused(res, 400, 'invalid_request');
    },
  );

  it.each([
    ['setupIntent.create', { owner: { type: 'organization', id: 'globex' } }],
    ['portal.create', { organization: 'globex' }],
    ['checkout.create', { items: [{ price: 'basic', quantity: 1 }], owner: 'organization:globex' }],
    ['subscriptions.change', { price: 'pro', owner: 'organization:globex' }],
  ] as const)('refuses an owner field in the %s body with 400', async (action, body) => {
    const id = action === 'subscriptions.change' ? globex.sub : undefined;
    const res = await h.call(action, { as: 'alice', body, ...(id ? { id } : {}) });
    expectRefused(res, 400, 'invalid_request');
  });
});
