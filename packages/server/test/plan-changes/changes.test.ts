import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../helpers';
import { DAY, planWorld, START } from './world';

/** The invoice a change created, read from Stripe. */
async function latestInvoice(w: ReturnType<typeof planWorld>, subId: string) {
  const sub = await w.admin.subscriptions.retrieve(subId, { expand: ['latest_invoice'] });
  return { sub, invoice: sub.latest_invoice as Stripe.Invoice };
}

describe('subscriptions.change: upgrade, downgrade, undo, seats', () => {
  it('upgrades now, prorated and paid at once, charging what the preview said', async () => {
    const w = planWorld();
    const { clock, customer, sub } = await w.subscriber('u1', 'price_pro');
    await w.advance(clock.id, START + 10 * DAY);
    const preview = await w.preview('u1', sub.id, { price: 'team' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ effective: 'now', currency: 'usd', discount: 0, tax: null });
    expect(preview.body.credit).toBeGreaterThan(0);
    expect(preview.body.amountDue).toBeGreaterThan(0);
    expect(preview.body.nextInvoice.amount).toBe(9900);
    const changed = await w.change('u1', sub.id, { price: 'team' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: sub.id, price: 'team', scheduledChange: null, quantity: 1 });
    const { sub: after, invoice } = await latestInvoice(w, sub.id);
    expect(after.items.data[0]!.price.id).toBe('price_team');
    expect(invoice).toMatchObject({ billing_reason: 'subscription_update', status: 'paid' });
    expect(invoice.amount_paid).toBe(preview.body.amountDue);
    const state = await w.billing(customer);
    expect(state).toMatchObject({ plan: 'team', status: 'active', features: ['export', 'sso'] });
    expect(state.subscription).toMatchObject({ price: 'team', scheduledChange: null });
  });

  it('schedules a downgrade for the period end; the clock passing it applies the new price', async () => {
    const w = planWorld();
    const { clock, customer, sub } = await w.subscriber('u1', 'price_team');
    await w.advance(clock.id, START + 5 * DAY);
    const periodEnd = sub.items.data[0]!.current_period_end;
    const preview = await w.preview('u1', sub.id, { price: 'pro' });
    expect(preview.body).toMatchObject({
      effective: 'period_end',
      amountDue: 0,
      credit: 0,
      nextInvoice: { amount: 4900, date: periodEnd },
    });
    const changed = await w.change('u1', sub.id, { price: 'pro' });
    expect(changed.status).toBe(200);
    const scheduled = { plan: 'pro', price: 'pro', quantity: 1, effectiveAt: periodEnd };
    expect(changed.body).toMatchObject({ price: 'team', scheduledChange: scheduled });
    // Nothing is charged or changed now; the billing state shows the change waiting.
    const { sub: now } = await latestInvoice(w, sub.id);
    expect(now.items.data[0]!.price.id).toBe('price_team');
    expect((await w.admin.invoices.list({ subscription: sub.id })).data).toHaveLength(1);
    expect((await w.billing(customer)).subscription?.scheduledChange).toEqual(scheduled);
    const listed = await w.tollbooth.handle(
      new Request('https://shop.test/api/tollbooth/subscriptions', { headers: { 'x-test-user': 'u1' } }),
    );
    expect(((await listed.json()) as { data: unknown[] }).data[0]).toMatchObject({
      scheduledChange: scheduled,
    });

    await w.advance(clock.id, periodEnd + 2 * 3600);
    const { sub: renewed, invoice } = await latestInvoice(w, sub.id);
    expect(renewed.items.data[0]!.price.id).toBe('price_pro');
    expect(invoice).toMatchObject({ billing_reason: 'subscription_cycle', amount_paid: 4900 });
    const state = await w.billing(customer);
    expect(state).toMatchObject({ plan: 'pro', features: ['export'] });
    expect(state.subscription).toMatchObject({ price: 'pro', scheduledChange: null });
  });

  it('changing back to the current price undoes a scheduled downgrade', async () => {
    const w = planWorld();
    const { clock, customer, sub } = await w.subscriber('u1', 'price_team');
    await w.change('u1', sub.id, { price: 'pro' });
    const undone = await w.change('u1', sub.id, { price: 'team' });
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ price: 'team', scheduledChange: null });
    expect((await w.admin.subscriptions.retrieve(sub.id)).schedule).toBeNull();
    expect((await w.billing(customer)).subscription?.scheduledChange).toBeNull();
    await w.advance(clock.id, sub.items.data[0]!.current_period_end + 2 * 3600);
    const { sub: renewed, invoice } = await latestInvoice(w, sub.id);
    expect(renewed.items.data[0]!.price.id).toBe('price_team');
    expect(invoice.amount_paid).toBe(9900);
  });

  it('downgrade, undo, downgrade again: the second schedule is a new one (the first was released)', async () => {
    const w = planWorld();
    const { sub } = await w.subscriber('u1', 'price_team');
    for (const [price, key] of [
      ['pro', 'k1'],
      ['team', 'k2'],
      ['pro', 'k3'],
    ] as const) {
      const res = await w.post(`/subscriptions/${sub.id}/change`, { price }, 'u1', key);
      expect([price, res.status]).toEqual([price, 200]);
    }
    for (const [price, status] of [
      ['pro', 200],
      ['team', 200],
      ['pro', 200],
    ] as const) {
      const res = await w.post(`/subscriptions/${sub.id}/change`, { price }, 'u1');
      expect([price, res.status]).toEqual([price, status]);
    }
    const schedule = (await w.admin.subscriptions.retrieve(sub.id)).schedule;
    expect(schedule).not.toBeNull();
  });

  it('seats: more now (prorated), fewer at the period end', async () => {
    const w = planWorld();
    const { clock, customer, sub } = await w.subscriber('u1', 'price_seat', 2);
    await w.advance(clock.id, START + 3 * DAY);
    const preview = await w.preview('u1', sub.id, { price: 'seat', quantity: 5 });
    expect(preview.body.effective).toBe('now');
    const more = await w.change('u1', sub.id, { price: 'seat', quantity: 5 });
    expect(more.body).toMatchObject({ quantity: 5, scheduledChange: null });
    const { invoice } = await latestInvoice(w, sub.id);
    expect(invoice.amount_paid).toBe(preview.body.amountDue);
    const fewer = await w.change('u1', sub.id, { price: 'seat', quantity: 3 });
    expect(fewer.body).toMatchObject({ quantity: 5, scheduledChange: { price: 'seat', quantity: 3 } });
    expect((await w.billing(customer)).subscription).toMatchObject({
      quantity: 5,
      scheduledChange: { quantity: 3 },
    });
    await w.advance(clock.id, sub.items.data[0]!.current_period_end + 2 * 3600);
    expect((await w.admin.subscriptions.retrieve(sub.id)).items.data[0]!.quantity).toBe(3);
  });

  it('an upgrade on a card that needs 3-D Secure answers requiresAction; authenticating applies it', async () => {
    const w = planWorld();
    const { sub } = await w.subscriber('u1', 'price_pro', 1, 'pm_card_authenticationRequired');
    // The first invoice needed authentication too; the subscription is set up as paid for this test.
    await w.admin.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0]!.id, quantity: 1 }] });
    const changed = await w.change('u1', sub.id, { price: 'team' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      requiresAction: true,
      clientSecret: expect.stringMatching(/^pi_.+_secret_/),
    });
    expect((await w.admin.subscriptions.retrieve(sub.id)).items.data[0]!.price.id).toBe('price_pro');
    const intent = String(changed.body.clientSecret).split('_secret_')[0]!;
    w.sim.authenticate(intent, 'succeed');
    expect((await w.admin.subscriptions.retrieve(sub.id)).items.data[0]!.price.id).toBe('price_team');
  });

  it('a declined upgrade answers 402, keeps the plan and leaves no invoice to collect later', async () => {
    const w = planWorld();
    const { sub, customer } = await w.subscriber('u1', 'price_pro');
    const declining = await w.admin.paymentMethods.attach('pm_card_chargeCustomerFail', { customer });
    await w.admin.customers.update(customer, { invoice_settings: { default_payment_method: declining.id } });
    const changed = await w.change('u1', sub.id, { price: 'team' });
    expect(changed.status).toBe(402);
    expect((await w.admin.subscriptions.retrieve(sub.id)).items.data[0]!.price.id).toBe('price_pro');
    const open = await w.admin.invoices.list({ subscription: sub.id, status: 'open' });
    expect(open.data).toHaveLength(0);
  });
});

describe('subscriptions.change: what is refused', () => {
  it("another customer's subscription is 404 with no Stripe write, for the preview and the change", async () => {
    const w = planWorld();
    const { sub } = await w.subscriber('owner', 'price_team');
    await w.customer('intruder');
    const writes = w.mark();
    for (const path of [`/subscriptions/${sub.id}/change`, `/subscriptions/${sub.id}/change/preview`]) {
      const res = await w.post(path, { price: 'pro' }, 'intruder');
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    expect(writes()).toEqual([]);
    expect((await w.admin.subscriptions.retrieve(sub.id)).schedule).toBeNull();
  });

  it('a price outside plans, of another currency, or not in the catalog is 400 with no Stripe write', async () => {
    const w = planWorld();
    const { sub } = await w.subscriber('u1', 'price_pro');
    const writes = w.mark();
    for (const price of ['extra', 'mug', 'gold', 'price_team', 'nope']) {
      const res = await w.post(`/subscriptions/${sub.id}/change`, { price }, 'u1');
      expect([price, res.status]).toEqual([price, 400]);
    }
    for (const body of [{ price: 'team', amount: 1 }, { price: 'team', quantity: 0 }, {}]) {
      expect((await w.post(`/subscriptions/${sub.id}/change`, body, 'u1')).status).toBe(400);
    }
    expect(writes()).toEqual([]);
  });

  it('parallel changes on one subscription are applied once', async () => {
    const w = planWorld();
    const { clock, sub } = await w.subscriber('u1', 'price_pro');
    await w.advance(clock.id, START + 8 * DAY);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        w.post(`/subscriptions/${sub.id}/change`, { price: 'team' }, 'u1', `k${i}`),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
    const updates = (await w.admin.invoices.list({ subscription: sub.id })).data.filter(
      (i) => i.billing_reason === 'subscription_update',
    );
    expect(updates).toHaveLength(1);
    const downs = await Promise.all(
      Array.from({ length: 4 }, () => w.post(`/subscriptions/${sub.id}/change`, { price: 'pro' }, 'u1')),
    );
    expect(downs.map((r) => r.status)).toEqual(Array(4).fill(200));
    const schedules = await w.admin.subscriptionSchedules.list({ customer: sub.customer as string });
    expect(schedules.data.filter((s) => s.status === 'active')).toHaveLength(1);
  });
});
