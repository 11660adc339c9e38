import { has } from '@tollbooth/core';
import { describe, expect, it } from 'vitest';
import { memoryStore, rbac } from '../src/index';
import { billingWorld, HOUR, PLANS } from './billing-world';
import { call, errorOf, setup } from './helpers';

const u1 = { id: 'u1', email: 'u1@example.test' };

describe('plans (startup checks)', () => {
  it.each([
    [{ pro: { prices: ['prro'] } }, /not a catalog key/],
    [{ a: { prices: ['pro'] }, b: { prices: ['pro'] } }, /both plans\.a and plans\.b/],
    [{ a: {}, b: {} }, /only one default plan/],
    [{ free: { trialDays: 7 } }, /cannot have a trial/],
    [{ pro: { prices: ['pro'], trialDays: 1.5 } }, /trialDays/],
    [{ pro: { prices: ['pro'], features: [''] } }, /features/],
    [{ pro: { prices: ['pro'], limits: { seats: 'many' } } }, /limits\.seats/],
    [{ 'bad key': {} }, /plan key/],
  ])('refuses %j', (plans, message) => {
    expect(() => setup({ plans: plans as never })).toThrow(message);
  });

  it('refuses an appId that could not be a key or a metadata value', () => {
    expect(() => setup({ appId: 'shop one' })).toThrow(/appId/);
    expect(() => setup({ appId: '' })).toThrow(/appId/);
  });
});

describe('tollbooth.billing(user)', () => {
  it('is the default plan with status none for a user who never paid, and creates no customer', async () => {
    const w = billingWorld();
    const tb = w.instance(memoryStore({ now: w.now }));
    const state = await tb.billing(u1);
    expect(state).toEqual({
      plan: 'free',
      status: 'none',
      features: ['browse'],
      limits: { projects: 3 },
      subscription: null,
      syncedAt: null,
    });
    expect(has(state, 'export')).toBe(false);
    expect(await w.customersOf()).toEqual([]);
  });

  it('is the pro plan once the subscription’s events arrive, in any order', async () => {
    const w = billingWorld();
    const tb = w.instance(memoryStore({ now: w.now }));
    await w.subscribe(tb, 'u1');
    for (const event of [...w.sim.events].reverse()) expect((await w.deliver(tb, event)).status).toBe(200);
    const state = await tb.billing(u1);
    expect(state).toMatchObject({
      plan: 'pro',
      status: 'active',
      features: ['browse', 'export'],
      limits: { projects: 50 },
      subscription: { price: 'pro', status: 'active', cancelAtPeriodEnd: false, quantity: 1, trialEnd: null },
      syncedAt: Math.floor(w.now() / 1000),
    });
    expect(has(state, 'export')).toBe(true);
  });

  it('reads Stripe when the store has no record (a wiped store), without waiting for an event', async () => {
    const w = billingWorld();
    const first = w.instance(memoryStore({ now: w.now }));
    await w.subscribe(first, 'u1');
    w.clock.now += 2000; // past the search index delay
    const fresh = w.instance(memoryStore({ now: w.now }));
    expect(await fresh.billing(u1)).toMatchObject({ plan: 'pro', status: 'active' });
  });

  it('never rolls back: events of the purchase arriving after the cancellation leave it canceled', async () => {
    const w = billingWorld();
    const tb = w.instance(memoryStore({ now: w.now }));
    await w.subscribe(tb, 'u1');
    const purchase = [...w.sim.events];
    const [sub] = (await w.admin.subscriptions.list({ limit: 1 })).data;
    w.clock.now += 5 * HOUR;
    await w.admin.subscriptions.cancel(sub!.id);
    const cancellation = w.sim.events.slice(purchase.length);
    for (const event of cancellation) await w.deliver(tb, event);
    w.clock.now += 3 * HOUR;
    for (const event of purchase) await w.deliver(tb, event);
    expect(await tb.billing(u1)).toMatchObject({
      plan: 'free',
      status: 'canceled',
      features: ['browse'],
      subscription: { id: sub!.id, status: 'canceled' },
    });
  });

  it('keeps the plan while Stripe retries a past-due payment, and shows a cancellation at period end', async () => {
    const w = billingWorld();
    const tb = w.instance(memoryStore({ now: w.now }));
    await w.subscribe(tb, 'u1');
    const [sub] = (await w.admin.subscriptions.list({ limit: 1 })).data;
    await w.admin.subscriptions.update(sub!.id, { cancel_at_period_end: true });
    const customer = sub!.customer as string;
    expect(await tb.sync(customer)).toMatchObject({
      plan: 'pro',
      status: 'active',
      subscription: { cancelAtPeriodEnd: true },
    });
    await w.admin.subscriptions.update(sub!.id, { cancel_at_period_end: false });
    // Off-session, a card that needs authentication fails the renewal.
    const declining = await w.admin.paymentMethods.attach('pm_card_authenticationRequired', { customer });
    await w.admin.subscriptions.update(sub!.id, { default_payment_method: declining.id });
    w.sim.renewSubscription(sub!.id);
    expect(await tb.sync(customer)).toMatchObject({
      plan: 'pro',
      status: 'past_due',
      features: ['browse', 'export'],
    });
  });

  it('an older Stripe read that finishes last cannot overwrite a newer record (two instances)', async () => {
    const w = billingWorld();
    const store = memoryStore({ now: w.now });
    let holdNext = false;
    let release: () => void = () => {};
    let reached: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const readDone = new Promise<void>((r) => {
      reached = r;
    });
    const slow = w.instance(store, {
      stripe: w.serverStripe(async (request, response) => {
        if (holdNext && new URL(request.url).pathname === '/v1/subscriptions') {
          holdNext = false;
          reached();
          await held;
        }
        return response;
      }),
    });
    const fast = w.instance(store);
    await w.subscribe(fast, 'u1');
    const [sub] = (await w.admin.subscriptions.list({ limit: 1 })).data;
    const customer = sub!.customer as string;
    expect(await fast.sync(customer)).toMatchObject({ status: 'active' });
    holdNext = true;
    const old = slow.sync(customer); // reads "active", then its answer is held back
    await readDone;
    await w.admin.subscriptions.cancel(sub!.id);
    expect(await fast.sync(customer)).toMatchObject({ status: 'canceled' });
    release();
    expect(await old).toMatchObject({ status: 'canceled' }); // it lost the compare-and-set and read again
    expect(await fast.billing(u1)).toMatchObject({ status: 'canceled', plan: 'free' });
  });

  it('refuses to sync something that is not a customer id', async () => {
    const w = billingWorld();
    const tb = w.instance(memoryStore({ now: w.now }));
    await expect(tb.sync('pi_123')).rejects.toThrow(/customer id/);
    await expect(tb.sync("cus_1' OR 1")).rejects.toThrow(/customer id/);
  });

  it('ignores a customer another app made: nothing is stored for it', async () => {
    const w = billingWorld();
    const shop = w.instance(memoryStore({ now: w.now }), { appId: 'shop' });
    const store = memoryStore({ now: w.now });
    const blog = w.instance(store, { appId: 'blog' });
    await w.subscribe(shop, 'u1');
    const [sub] = (await w.admin.subscriptions.list({ limit: 1 })).data;
    expect(await blog.sync(sub!.customer as string)).toMatchObject({ status: 'none', syncedAt: null });
    expect(store.size).toBe(0);
    expect(PLANS.pro.prices).toEqual(['pro']);
  });
});

describe('GET /billing (billing.read) and context.billing()', () => {
  it('answers the caller’s state; 401 without a user; the same errors as every route for bad input', async () => {
    const w = billingWorld();
    const tb = w.instance(memoryStore({ now: w.now }));
    const none = await tb.handle(call('/billing', { user: 'u1' }));
    expect(none.status).toBe(200);
    expect(await none.json()).toMatchObject({ plan: 'free', status: 'none', subscription: null });
    await w.subscribe(tb, 'u1');
    w.clock.now += 2000;
    const paid = await tb.handle(call('/billing', { user: 'u1' }));
    expect(await paid.json()).toMatchObject({
      plan: 'pro',
      status: 'active',
      features: ['browse', 'export'],
    });
    expect((await errorOf(await tb.handle(call('/billing')))).code).toBe('unauthenticated');
    const query = await tb.handle(call('/billing?customer=cus_victim', { user: 'u1' }));
    expect([query.status, (await errorOf(query)).code]).toEqual([400, 'invalid_request']);
    const post = await tb.handle(call('/billing', { method: 'POST', body: {}, user: 'u1' }));
    expect(post.status).toBe(405);
  });

  it('the return from Checkout syncs: the plan shows before any webhook arrived', async () => {
    const w = billingWorld();
    const tb = w.instance(memoryStore({ now: w.now }));
    const created = await tb.handle(
      call('/checkout', { body: { items: [{ price: 'pro', quantity: 1 }] }, user: 'u1' }),
    );
    const { id } = (await created.json()) as { id: string };
    // The customer exists now, without a subscription: that is the record the store keeps.
    expect(await (await tb.handle(call('/billing', { user: 'u1' }))).json()).toMatchObject({
      status: 'none',
    });
    w.sim.completeCheckoutSession(id);
    expect(await tb.billing(u1)).toMatchObject({ status: 'none' }); // no webhook has arrived
    expect((await tb.handle(call(`/checkout/${id}`, { user: 'u1' }))).status).toBe(200);
    expect(await tb.billing(u1)).toMatchObject({ plan: 'pro', status: 'active' });
  });

  it('lets a policy decide on the plan, loading billing only when asked and once per request', async () => {
    const w = billingWorld();
    const store = memoryStore({ now: w.now });
    let asked = 0;
    const tb = w.instance(store, {
      authorize: rbac(
        {
          customer: ['checkout.*', 'billing.read', 'invoices.list'],
          pro: {
            'portal.create': async ({ billing }) => {
              asked++;
              const first = await billing();
              const again = await billing();
              return first === again && has(first, 'export');
            },
          },
        },
        { getRoles: (user) => ['customer', 'pro', ...(user.roles ?? [])] },
      ),
    });
    const portal = () => tb.handle(call('/portal', { body: {}, user: 'u1' }));
    expect((await portal()).status).toBe(403);
    await w.subscribe(tb, 'u1');
    w.clock.now += 2000;
    for (const event of w.sim.events) await w.deliver(tb, event);
    expect((await portal()).status).toBe(200);
    expect(asked).toBe(2);
  });
});
