import { describe, expect, it } from 'vitest';
import { memoryStore } from '../src/index';
import { billingWorld, HOUR } from './billing-world';
import { call } from './helpers';

type Tb = ReturnType<ReturnType<typeof billingWorld>['instance']>;

/** What the user sees on their account page: cards, subscriptions and invoices, as JSON. */
async function accountOf(tb: Tb, user: string) {
  const read = async (path: string) => (await (await tb.handle(call(path, { user }))).json()) as unknown;
  return {
    cards: await read('/payment-methods'),
    subscriptions: await read('/subscriptions'),
    invoices: await read('/invoices'),
  };
}

describe('Stripe is the source of truth, the store a cache', () => {
  it.each([
    ['a minute', 60_000],
    ['more than 24 h (past Stripe’s idempotency window)', 25 * HOUR],
  ])('a wiped store %s after a purchase: the same account, and no second customer', async (_, later) => {
    const w = billingWorld();
    const before = w.instance(memoryStore({ now: w.now }));
    await w.subscribe(before, 'u1');
    const seen = await accountOf(before, 'u1');
    expect((seen.subscriptions as { data: unknown[] }).data).toHaveLength(1);
    expect((seen.cards as { data: unknown[] }).data).toHaveLength(1);
    expect((seen.invoices as { data: unknown[] }).data).toHaveLength(1);

    w.clock.now += later;
    const restarted = w.instance(memoryStore({ now: w.now }));
    expect(await accountOf(restarted, 'u1')).toEqual(seen);
    // A new purchase on the restarted instance uses the same customer.
    await w.subscribe(restarted, 'u1', 'basic');
    expect(await w.customersOf()).toHaveLength(1);
  });

  it('restarts inside the search index delay: the idempotent create finds the same customer', async () => {
    const w = billingWorld({ searchDelaySeconds: 60 });
    const before = w.instance(memoryStore({ now: w.now }));
    await w.subscribe(before, 'u1');
    w.clock.now += 1000;
    const restarted = w.instance(memoryStore({ now: w.now }));
    // Search cannot see the customer yet: reads show nothing, but buying again reaches the same customer.
    await w.subscribe(restarted, 'u1', 'basic');
    expect(await w.customersOf()).toHaveLength(1);
    expect(((await accountOf(restarted, 'u1')).subscriptions as { data: unknown[] }).data).toHaveLength(1);
  });

  it('many first requests at once on several instances create one customer', async () => {
    const w = billingWorld({ searchDelaySeconds: 60 });
    const instances = Array.from({ length: 4 }, () => w.instance(memoryStore({ now: w.now })));
    const responses = await Promise.all(
      instances.flatMap((tb) =>
        Array.from({ length: 3 }, () => tb.handle(call('/setup-intents', { body: {}, user: 'u1' }))),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(await w.customersOf()).toHaveLength(1);
  });

  it('writes app and owner to the customer and finds it by them', async () => {
    const w = billingWorld();
    const tb = w.instance(memoryStore({ now: w.now }), { appId: 'shop' });
    await w.subscribe(tb, 'u1');
    const [customer] = await w.customersOf('shop');
    expect(customer?.metadata).toEqual({
      tollbooth_app: 'shop',
      tollbooth_owner: 'user:u1',
      tollbooth_user_id: 'u1',
    });
  });

  it('finds the customer of a user id with quotes and backslashes in it', async () => {
    const w = billingWorld();
    // (The test's getUser reads `id:roles` from a header, so the id has no colon.)
    const user = "o'brien\\' OR metadata['tollbooth_app']='default";
    const tb = w.instance(memoryStore({ now: w.now }));
    await w.subscribe(tb, 'u1');
    await w.subscribe(tb, user);
    w.clock.now += 2000;
    const restarted = w.instance(memoryStore({ now: w.now }));
    expect(((await accountOf(restarted, user)).subscriptions as { data: unknown[] }).data).toHaveLength(1);
    await w.subscribe(restarted, user, 'basic');
    expect(await w.customersOf()).toHaveLength(2);
  });
});

describe('two apps on one Stripe account and one store (appId)', () => {
  it('user "42" of one app never sees or touches user "42" of the other', async () => {
    const w = billingWorld();
    const shared = memoryStore({ now: w.now });
    const shop = w.instance(shared, { appId: 'shop' });
    const blog = w.instance(shared, { appId: 'blog' });
    await w.subscribe(shop, '42');
    w.clock.now += 2000;
    for (const event of w.sim.events) {
      expect((await w.deliver(shop, event)).status).toBe(200);
      expect((await w.deliver(blog, event)).status).toBe(200);
    }
    expect(await accountOf(blog, '42')).toEqual({
      cards: { data: [] },
      subscriptions: { data: [] },
      invoices: { data: [] },
    });
    expect(await blog.billing({ id: '42' })).toMatchObject({ status: 'none', plan: 'free' });
    expect(await shop.billing({ id: '42' })).toMatchObject({ status: 'active', plan: 'pro' });
    await w.subscribe(blog, '42', 'basic');
    const [shopCustomer] = await w.customersOf('shop');
    const [blogCustomer] = await w.customersOf('blog');
    expect(blogCustomer?.id).not.toBe(shopCustomer?.id);
    expect(((await accountOf(shop, '42')).subscriptions as { data: unknown[] }).data).toHaveLength(1);
  });
});
