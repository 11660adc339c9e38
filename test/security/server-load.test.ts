/**
 * `tollbooth.load(action, headers)`: the server-side read a Server Component renders `initialData` with. It must be
 * the GET route itself, not a way around it: the user comes from `getUser` on the caller's headers (there is no
 * user parameter to forge), `authorize` decides, another customer's object is a 404 like on the route, and the
 * audit log gets its entry.
 */
import { type ActionName, TollboothError } from '@tollbooth/core';
import type { AuthorizeFn, LoadAction } from '@tollbooth/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { arrangeTwoCustomers } from './support/fixtures';
import { BASE_PATH, createHarness, defaultAuthorize, type Harness, SHOP } from './support/harness';
import type { OwnIds } from './support/routes';

let policy: AuthorizeFn | null = null;
let h: Harness;
let alice: OwnIds;
let bob: OwnIds;
let aliceCustomer: string;

beforeAll(async () => {
  h = await createHarness({
    authorize: ((...args: Parameters<AuthorizeFn>) => (policy ?? defaultAuthorize)(...args)) as AuthorizeFn,
  });
  ({ alice, bob, aliceCustomer } = await arrangeTwoCustomers(h));
});
afterAll(() => h.close());
beforeEach(() => {
  policy = null;
});

/** The headers of a page request, as `await headers()` hands them to a Server Component. */
const pageHeaders = (as: string | null, extra: Record<string, string> = {}) =>
  new Headers({ accept: 'text/html', ...(as ? { cookie: `tb_session=${as}` } : {}), ...extra });

/** The refusal `load` threw, or a failure when it loaded something. */
async function refusal(load: Promise<unknown>): Promise<TollboothError> {
  const outcome = await load.then(
    (data) => new Error(`loaded ${JSON.stringify(data).slice(0, 200)}`),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(TollboothError);
  return outcome as TollboothError;
}

const OWN_LISTS = ['subscriptions.list', 'invoices.list', 'paymentMethods.list', 'billing.read'] as const;

describe('what a load returns is the caller’s own, as the route answers it', () => {
  it('the same JSON as the GET route for the same caller', async () => {
    for (const action of ['catalog.read', ...OWN_LISTS] as const) {
      const viaRoute = await h.call(action, { as: 'alice' });
      expect(viaRoute.status).toBe(200);
      expect(await h.tollbooth.load(action, pageHeaders('alice'))).toEqual(viaRoute.json);
    }
  });

  it("alice's subscriptions, invoices and cards only, never bob's", async () => {
    const subs = await h.tollbooth.load('subscriptions.list', pageHeaders('alice'));
    expect(subs.data.map((s) => s.id)).toEqual([alice.sub]);
    const cards = await h.tollbooth.load('paymentMethods.list', pageHeaders('alice'));
    expect(cards.data.map((c) => c.id)).toContain(alice.pm);
    expect(cards.data.map((c) => c.id)).not.toContain(bob.pm);
    const invoices = await h.tollbooth.load('invoices.list', pageHeaders('alice'));
    expect(invoices.data.length).toBeGreaterThan(0);
    for (const invoice of invoices.data) {
      expect((await h.stripe.invoices.retrieve(invoice.id)).customer).toBe(aliceCustomer);
    }
  });

  it('a Request whose path or query names bob or his customer still loads alice’s list', async () => {
    const request = new Request(`${SHOP}${BASE_PATH}/subscriptions?customer=${bob.sub}&user=u_bob`, {
      headers: { cookie: 'tb_session=alice', 'x-user-id': 'u_bob', 'x-customer': bob.sub },
    });
    const subs = await h.tollbooth.load('subscriptions.list', request);
    expect(subs.data.map((s) => s.id)).toEqual([alice.sub]);
  });

  it('checkout.read of her own session, by id', async () => {
    const session = await h.tollbooth.load('checkout.read', pageHeaders('alice'), alice.session);
    expect(session.id).toBe(alice.session);
  });
});

describe('a load for someone else’s data is refused', () => {
  it("bob loading alice's Checkout Session: 404, as for an id that does not exist, and no Stripe write", async () => {
    const mark = h.writeMark();
    const foreign = await refusal(h.tollbooth.load('checkout.read', pageHeaders('bob'), alice.session));
    const missing = await refusal(
      h.tollbooth.load('checkout.read', pageHeaders('bob'), 'cs_test_doesNotExist000000000000'),
    );
    expect([foreign.code, foreign.status]).toEqual(['not_found', 404]);
    expect([foreign.code, foreign.message]).toEqual([missing.code, missing.message]);
    expect(h.writesSince(mark)).toEqual([]);
  });

  it.each(OWN_LISTS)('%s without a session cookie: 401, nothing loaded from Stripe', async (action) => {
    const mark = h.writeMark();
    const error = await refusal(h.tollbooth.load(action, pageHeaders(null)));
    expect([error.code, error.status]).toEqual(['unauthenticated', 401]);
    expect(h.stripeCallsSince(mark)).toEqual([]);
  });

  it.each(OWN_LISTS)('%s with headers that claim a user but no session: 401', async (action) => {
    const claims = { 'x-user-id': 'u_alice', authorization: 'Bearer u_alice', 'x-roles': 'admin' };
    const error = await refusal(h.tollbooth.load(action, pageHeaders('mallory', claims)));
    expect(error.code).toBe('unauthenticated');
  });

  it.each(OWN_LISTS)('%s when authorize denies the signed-in caller: 403', async (action) => {
    policy = (user, name, context) => name !== action && defaultAuthorize(user, name, context);
    const error = await refusal(h.tollbooth.load(action, pageHeaders('alice')));
    expect([error.code, error.status]).toEqual(['forbidden', 403]);
  });

  it('checkout.read without an id or with a client secret for one: refused before Stripe', async () => {
    const mark = h.writeMark();
    const load = h.tollbooth.load as (a: LoadAction, from: Headers, ...id: string[]) => Promise<unknown>;
    await expect(load('checkout.read', pageHeaders('alice'))).rejects.toThrow(/needs the id/);
    const secret = await refusal(
      h.tollbooth.load('checkout.read', pageHeaders('alice'), `${alice.session}_secret_abc`),
    );
    expect(secret.status).toBeGreaterThanOrEqual(400);
    expect(secret.status).toBeLessThan(500);
    expect(h.stripeCallsSince(mark)).toEqual([]);
  });
});

describe('a load is the route: authorize sees it, the audit log records it', () => {
  it.each(['catalog.read', ...OWN_LISTS] as const)(
    '%s: one authorize call for the caller and one audit entry',
    async (action: ActionName) => {
      const calls = h.authorizeCalls.length;
      const entries = h.audit.length;
      await h.tollbooth.load(action as (typeof OWN_LISTS)[number], pageHeaders('alice'));
      expect(h.authorizeCalls.slice(calls).map((c) => [c.user?.id, c.action])).toEqual([['u_alice', action]]);
      expect(h.audit.slice(entries).map((e) => [e.userId, e.action, e.decision, e.status])).toEqual([
        ['u_alice', action, 'allow', 200],
      ]);
    },
  );

  it('a denied load is audited as a denial', async () => {
    policy = () => false;
    const entries = h.audit.length;
    await refusal(h.tollbooth.load('invoices.list', pageHeaders('alice')));
    expect(h.audit.slice(entries).map((e) => [e.userId, e.action, e.decision, e.status])).toEqual([
      ['u_alice', 'invoices.list', 'deny', 403],
    ]);
  });
});
