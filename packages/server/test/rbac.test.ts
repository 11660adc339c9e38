import { describe, expect, it } from 'vitest';
import { rbac, type TollboothUser } from '../src/index';
import type { AuthorizeContext } from '../src/types';

const ctx = (resource: unknown = null, input: unknown = undefined) =>
  ({ request: new Request('https://shop.test/'), input, resource }) as AuthorizeContext<never>;
const user = (roles: string[]): TollboothUser => ({ id: 'u1', roles });
// rbac's function is typed per action; these tests call it loosely.
type Loose = (user: TollboothUser | null, action: string, context: unknown) => Promise<boolean>;

describe('rbac', () => {
  const authorize = rbac({
    anonymous: ['catalog.read'],
    customer: ['checkout.*', 'paymentMethods.*'],
    support: { 'refunds.create': ({ input, resource }) => (input.amount ?? resource.amount) <= 5000 },
    admin: ['*'],
  }) as unknown as Loose;

  it('matches exact, namespace and global patterns', async () => {
    expect(await authorize(user(['customer']), 'checkout.create', ctx())).toBe(true);
    expect(await authorize(user(['customer']), 'paymentMethods.detach', ctx())).toBe(true);
    expect(await authorize(user(['customer']), 'refunds.create', ctx())).toBe(false);
    expect(await authorize(user(['customer']), 'portal.create', ctx())).toBe(false);
    expect(await authorize(user(['admin']), 'refunds.create', ctx())).toBe(true);
    expect(await authorize(user([]), 'checkout.create', ctx())).toBe(false);
  });

  it('does not let a namespace wildcard match a longer namespace', async () => {
    const a = rbac({ r: ['checkout.*'] }) as unknown as Loose;
    expect(await a(user(['r']), 'checkoutX.create', ctx())).toBe(false);
  });

  it('applies the anonymous role with no user, and to signed-in users unless turned off', async () => {
    expect(await authorize(null, 'catalog.read', ctx())).toBe(true);
    expect(await authorize(null, 'checkout.create', ctx())).toBe(false);
    expect(await authorize(user(['customer']), 'catalog.read', ctx())).toBe(true);
    const strict = rbac({ anonymous: ['catalog.read'] }, { inheritAnonymous: false }) as unknown as Loose;
    expect(await strict(user([]), 'catalog.read', ctx())).toBe(false);
  });

  it('runs conditions with the context: support refunds up to 5000', async () => {
    const pi = { id: 'pi_1', amount: 9000 };
    expect(await authorize(user(['support']), 'refunds.create', ctx(pi, { amount: 5000 }))).toBe(true);
    expect(await authorize(user(['support']), 'refunds.create', ctx(pi, { amount: 5001 }))).toBe(false);
    expect(await authorize(user(['support']), 'refunds.create', ctx(pi, {}))).toBe(false);
  });

  it('treats a throwing or non-true condition as no grant', async () => {
    const a = rbac({
      r: {
        'refunds.create': () => {
          throw new Error('x');
        },
        'portal.create': (() => 'true') as never,
      },
    }) as unknown as Loose;
    expect(await a(user(['r']), 'refunds.create', ctx())).toBe(false);
    expect(await a(user(['r']), 'portal.create', ctx())).toBe(false);
  });

  it('uses getRoles, ignores roles it does not know and inherited object keys', async () => {
    const a = rbac(
      { staff: ['*'] },
      { getRoles: (u) => (u.id === 'boss' ? ['staff'] : []) },
    ) as unknown as Loose;
    expect(await a({ id: 'boss' }, 'refunds.create', ctx())).toBe(true);
    expect(await a({ id: 'u2', roles: ['staff'] }, 'refunds.create', ctx())).toBe(false);
    expect(await authorize(user(['constructor', 'toString', '__proto__']), 'catalog.read', ctx())).toBe(true);
    expect(await authorize(user(['constructor', '__proto__']), 'checkout.create', ctx())).toBe(false);
  });

  it("canGrant says whether any of the caller's roles names the action, before anything is loaded", async () => {
    const a = rbac({
      anonymous: ['catalog.read'],
      customer: ['checkout.*'],
      support: { 'refunds.create': ({ resource }) => resource.amount <= 5000 },
    });
    expect(await a.canGrant?.(null, 'catalog.read')).toBe(true);
    expect(await a.canGrant?.(null, 'checkout.read')).toBe(false);
    expect(await a.canGrant?.(user(['customer']), 'checkout.read')).toBe(true);
    expect(await a.canGrant?.(user(['customer']), 'refunds.create')).toBe(false);
    // A condition may grant once the resource is loaded: canGrant must say maybe.
    expect(await a.canGrant?.(user(['support']), 'refunds.create')).toBe(true);
    // Signed-in users inherit the anonymous role by default.
    expect(await a.canGrant?.(user([]), 'catalog.read')).toBe(true);
    const strict = rbac({ anonymous: ['catalog.read'] }, { inheritAnonymous: false });
    expect(await strict.canGrant?.(user([]), 'catalog.read')).toBe(false);
  });
});
