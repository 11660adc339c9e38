import type { ActionName } from '@tollbooth/core';
import { describe, expect, it } from 'vitest';
import { type AnyAuthorizeContext, type BillingOwner, orgBillingPolicy, rbac } from '../src/index';

const ctx = (owner: BillingOwner | null) =>
  ({
    action: 'paymentMethods.list',
    request: new Request('https://x.test'),
    input: undefined,
    resource: { customer: null },
    owner,
  }) as unknown as AnyAuthorizeContext;
const acme = (role: string): BillingOwner => ({ type: 'organization', id: 'acme', role });
const user = { id: 'u_1', roles: ['customer'] };

describe('rbac owner roles', () => {
  const authorize = rbac({ ...orgBillingPolicy(), admin: ['*'] });
  const may = (action: ActionName, owner: BillingOwner | null, u: typeof user | null = user) =>
    authorize(u, action, ctx(owner));

  it('lets a billing admin change plans and cards, and a member only read the plan', async () => {
    expect(await may('subscriptions.change', acme('billing_admin'))).toBe(true);
    expect(await may('paymentMethods.detach', acme('billing_admin'))).toBe(true);
    expect(await may('subscriptions.list', acme('member'))).toBe(true);
    expect(await may('subscriptions.change', acme('member'))).toBe(false);
    expect(await may('invoices.list', acme('member'))).toBe(false);
    expect(await may('paymentMethods.list', acme('member'))).toBe(false);
  });

  it('gives a user billing for themselves every self-service action but refunds', async () => {
    const me: BillingOwner = { type: 'user', id: 'u_1' };
    expect(await may('setupIntent.create', me)).toBe(true);
    expect(await may('refunds.create', me)).toBe(false);
    expect(await may('refunds.create', acme('billing_admin'))).toBe(false);
  });

  it('counts the place in the owner in canGrant too, so deny-before-load agrees with authorize', async () => {
    const bob = { id: 'u_bob' };
    expect(await authorize.canGrant?.(bob, 'subscriptions.list', acme('member'))).toBe(true);
    expect(await authorize.canGrant?.(bob, 'subscriptions.change', acme('member'))).toBe(false);
    expect(await authorize.canGrant?.(bob, 'subscriptions.change', acme('billing_admin'))).toBe(true);
    expect(await authorize.canGrant?.(bob, 'setupIntent.create', { type: 'user', id: 'u_bob' })).toBe(true);
    // Without the owner, only the user's own roles count: a plain user has none that name a write.
    expect(await authorize.canGrant?.(bob, 'subscriptions.change')).toBe(false);
  });

  it("never lets an organisation's admin role match the app's global admin", async () => {
    expect(await may('refunds.create', acme('admin'))).toBe(false);
    expect(await may('refunds.create', null, { id: 'u_2', roles: ['admin'] })).toBe(true);
  });

  it('ignores global roles shaped like owner roles', async () => {
    const sneaky = { id: 'u_3', roles: ['org:billing_admin', 'personal'] };
    expect(await may('paymentMethods.detach', acme('member'), sneaky)).toBe(false);
  });

  it('matches no owner role with ownerRoles: false', async () => {
    const plain = rbac(orgBillingPolicy(), { ownerRoles: false });
    expect(await plain(user, 'subscriptions.list', ctx(acme('billing_admin')))).toBe(false);
  });

  it('takes other role names for managers and readers', async () => {
    const custom = rbac(orgBillingPolicy({ managers: ['owner'], readers: ['viewer'] }));
    expect(await custom(user, 'portal.create', ctx(acme('owner')))).toBe(true);
    expect(await custom(user, 'subscriptions.list', ctx(acme('viewer')))).toBe(true);
    expect(await custom(user, 'subscriptions.list', ctx(acme('member')))).toBe(false);
  });
});
