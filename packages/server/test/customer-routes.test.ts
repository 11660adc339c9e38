import { describe, expect, it } from 'vitest';
import { call, errorOf, ORIGIN } from './helpers';
import { simSetup } from './sim';

describe('payment methods', () => {
  it('lists the caller’s cards with the default marked', async () => {
    const t = simSetup();
    const customer = await t.customerFor('u1');
    const a = await t.cardFor(customer);
    const b = await t.cardFor(customer);
    await t.admin.customers.update(customer, { invoice_settings: { default_payment_method: b } });
    const res = await t.tollbooth.handle(call('/payment-methods', { user: 'u1' }));
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Array<{ id: string; isDefault: boolean; card: unknown }> };
    expect(data.map((m) => [m.id, m.isDefault]).sort()).toEqual(
      [
        [a, false],
        [b, true],
      ].sort(),
    );
    expect(data[0]?.card).toMatchObject({ brand: 'visa', last4: '4242' });
  });

  it('answers an empty list without creating a customer for a new user', async () => {
    const t = simSetup();
    const writes = t.mark();
    const res = await t.tollbooth.handle(call('/payment-methods', { user: 'new' }));
    expect(await res.json()).toEqual({ data: [] });
    expect(writes()).toEqual([]);
  });

  it('detaches the caller’s own card', async () => {
    const t = simSetup();
    const pm = await t.cardFor(await t.customerFor('u1'));
    const res = await t.tollbooth.handle(call(`/payment-methods/${pm}`, { method: 'DELETE', user: 'u1' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: pm, deleted: true });
    expect((await t.admin.paymentMethods.retrieve(pm)).customer).toBeNull();
  });

  it("answers 404 for another user's card, makes no Stripe write, and the card stays attached (IDOR)", async () => {
    const t = simSetup();
    const alices = await t.cardFor(await t.customerFor('alice'));
    await t.customerFor('bob');
    const writes = t.mark();
    const detach = await t.tollbooth.handle(
      call(`/payment-methods/${alices}`, { method: 'DELETE', user: 'bob' }),
    );
    expect(detach.status).toBe(404);
    expect(await errorOf(detach)).toEqual({ code: 'not_found', message: 'Not found.' });
    const def = await t.tollbooth.handle(
      call(`/payment-methods/${alices}/default`, { body: {}, user: 'bob' }),
    );
    expect(def.status).toBe(404);
    // A user without any customer, and an id that does not exist, look the same.
    expect(
      (await t.tollbooth.handle(call(`/payment-methods/${alices}`, { method: 'DELETE', user: 'carol' })))
        .status,
    ).toBe(404);
    expect(
      (await t.tollbooth.handle(call('/payment-methods/pm_missing', { method: 'DELETE', user: 'bob' })))
        .status,
    ).toBe(404);
    expect(writes()).toEqual([]);
    expect((await t.admin.paymentMethods.retrieve(alices)).customer).not.toBeNull();
  });

  it('sets the default payment method of the caller’s customer', async () => {
    const t = simSetup();
    const customer = await t.customerFor('u1');
    const pm = await t.cardFor(customer);
    const res = await t.tollbooth.handle(call(`/payment-methods/${pm}/default`, { body: {}, user: 'u1' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: pm, isDefault: true });
    const c = await t.admin.customers.retrieve(customer);
    expect('deleted' in c ? null : c.invoice_settings.default_payment_method).toBe(pm);
  });

  it('answers 403 with no write when the policy refuses, and hands authorize the loaded card', async () => {
    const seen: unknown[] = [];
    const t = simSetup({
      authorize: (_user, action, ctx) => {
        seen.push([action, (ctx.resource as { id?: string } | null)?.id]);
        return false;
      },
    });
    const pm = await t.cardFor(await t.customerFor('u1'));
    const writes = t.mark();
    expect(
      (await t.tollbooth.handle(call(`/payment-methods/${pm}`, { method: 'DELETE', user: 'u1' }))).status,
    ).toBe(403);
    expect((await t.tollbooth.handle(call('/payment-methods', { user: 'u1' }))).status).toBe(403);
    expect(
      (await t.tollbooth.handle(call(`/payment-methods/${pm}/default`, { body: {}, user: 'u1' }))).status,
    ).toBe(403);
    expect(writes()).toEqual([]);
    expect(seen[0]).toEqual(['paymentMethods.detach', pm]);
  });
});

describe('POST /portal', () => {
  it('creates a portal session for the caller with a same-origin return URL', async () => {
    const t = simSetup();
    const res = await t.tollbooth.handle(call('/portal', { user: 'u1', body: { returnPath: '/account' } }));
    expect(res.status).toBe(200);
    expect(typeof ((await res.json()) as { url: string }).url).toBe('string');
    const create = t.sim.requests.find((r) => r.path === '/v1/billing_portal/sessions');
    expect(create?.params).toMatchObject({ return_url: `${ORIGIN}/account` });
    expect(create?.idempotencyKey).toMatch(/^tollbooth-/);
  });

  it.each(['//evil.test', 'https://evil.test', '/\\evil.test', 'javascript:alert(1)'])(
    'refuses returnPath %j with 400 and no write',
    async (returnPath) => {
      const t = simSetup();
      const writes = t.mark();
      const res = await t.tollbooth.handle(call('/portal', { user: 'u1', body: { returnPath } }));
      expect(res.status).toBe(400);
      expect(writes()).toEqual([]);
    },
  );

  it('answers 403 when refused', async () => {
    const t = simSetup({ authorize: () => false });
    expect((await t.tollbooth.handle(call('/portal', { user: 'u1', body: {} }))).status).toBe(403);
  });
});

describe('subscriptions and invoices', () => {
  it('lists subscriptions with catalog keys, cancels at period end and resumes', async () => {
    const t = simSetup();
    const customer = await t.customerFor('u1');
    const sub = await t.subscriptionFor(customer);
    const list = await t.tollbooth.handle(call('/subscriptions', { user: 'u1' }));
    const { data } = (await list.json()) as { data: Array<Record<string, unknown>> };
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ id: sub, status: 'active', price: 'pro', cancelAtPeriodEnd: false });
    expect(data[0]?.currentPeriodEnd).toEqual(expect.any(Number));
    expect(data[0]?.currentPeriodEnd).toBeGreaterThan(0);

    const cancel = await t.tollbooth.handle(call(`/subscriptions/${sub}/cancel`, { user: 'u1', body: {} }));
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ id: sub, cancelAtPeriodEnd: true, price: 'pro' });
    const resume = await t.tollbooth.handle(call(`/subscriptions/${sub}/resume`, { user: 'u1', body: {} }));
    expect(await resume.json()).toMatchObject({ id: sub, cancelAtPeriodEnd: false });
  });

  it("answers 404 for another user's subscription with no write (IDOR)", async () => {
    const t = simSetup();
    const sub = await t.subscriptionFor(await t.customerFor('alice'));
    await t.customerFor('bob');
    const writes = t.mark();
    for (const verb of ['cancel', 'resume']) {
      const res = await t.tollbooth.handle(call(`/subscriptions/${sub}/${verb}`, { user: 'bob', body: {} }));
      expect(res.status).toBe(404);
    }
    expect(writes()).toEqual([]);
    expect((await t.admin.subscriptions.retrieve(sub)).cancel_at_period_end).toBe(false);
  });

  it('lists the caller’s invoices', async () => {
    const t = simSetup();
    const customer = await t.customerFor('u1');
    await t.subscriptionFor(customer);
    const res = await t.tollbooth.handle(call('/invoices', { user: 'u1' }));
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Array<Record<string, unknown>> };
    expect(data.length).toBeGreaterThan(0);
    expect(data[0]).toMatchObject({ amountPaid: 4900, currency: 'usd', id: expect.stringMatching(/^in_/) });
    const other = await t.tollbooth.handle(call('/invoices', { user: 'bob' }));
    expect(await other.json()).toEqual({ data: [] });
  });

  it('answers 403 with no write when refused, handing authorize the loaded subscription', async () => {
    const seen: unknown[] = [];
    const t = simSetup({
      authorize: (_user, action, ctx) => {
        seen.push([action, (ctx.resource as { id?: string; object?: string } | null)?.object]);
        return false;
      },
    });
    const sub = await t.subscriptionFor(await t.customerFor('u1'));
    const writes = t.mark();
    for (const verb of ['cancel', 'resume']) {
      expect(
        (await t.tollbooth.handle(call(`/subscriptions/${sub}/${verb}`, { user: 'u1', body: {} }))).status,
      ).toBe(403);
    }
    expect(writes()).toEqual([]);
    expect(seen).toEqual([
      ['subscriptions.cancel', 'subscription'],
      ['subscriptions.resume', 'subscription'],
    ]);
    expect(
      (await t.tollbooth.handle(call('/subscriptions/not_a_sub/cancel', { user: 'u1', body: {} }))).status,
    ).toBe(400);
  });

  it('answers 403 on lists when refused', async () => {
    const t = simSetup({ authorize: () => false });
    expect((await t.tollbooth.handle(call('/subscriptions', { user: 'u1' }))).status).toBe(403);
    expect((await t.tollbooth.handle(call('/invoices', { user: 'u1' }))).status).toBe(403);
  });
});
