import { TollboothError } from '@tollbooth/core';
import { describe, expect, it } from 'vitest';
import type { BillingOwner } from '../src/index';
import { PLAN_CONFIG, planWorld, START } from './plan-changes/world';

const ACME: BillingOwner = { type: 'organization', id: 'acme' };
const plans = { ...PLAN_CONFIG.plans, seats: { prices: ['seat'], limits: { seats: 10 } } };

/** acme's customer (on a test clock at START) subscribed to the per-seat price × `quantity`. */
async function seatWorld(quantity = 3) {
  const w = planWorld({ plans });
  const clock = await w.admin.testHelpers.testClocks.create({ frozen_time: START });
  const customer = await w.admin.customers.create({
    test_clock: clock.id,
    metadata: { tollbooth_app: 'default', tollbooth_owner: 'organization:acme' },
  });
  const pm = await w.admin.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await w.admin.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  const sub = await w.admin.subscriptions.create({
    customer: customer.id,
    items: [{ price: 'price_seat', quantity }],
  });
  await w.advance(clock.id, START + 10 * 86_400);
  return { ...w, clock, customer: customer.id, sub };
}

const quantityOf = async (w: Awaited<ReturnType<typeof seatWorld>>) =>
  (await w.admin.subscriptions.retrieve(w.sub.id)).items.data[0]?.quantity;

describe('tollbooth.setSeats(owner, quantity)', () => {
  it('prorates a seat increase with an invoice for exactly what Stripe previews', async () => {
    const w = await seatWorld(3);
    const item = w.sub.items.data[0]!;
    const now = (await w.admin.testHelpers.testClocks.retrieve(w.clock.id)).frozen_time;
    const preview = await w.admin.invoices.createPreview({
      customer: w.customer,
      subscription: w.sub.id,
      subscription_details: {
        items: [{ id: item.id, quantity: 6 }],
        proration_behavior: 'always_invoice',
        proration_date: now,
      },
    });
    const state = await w.tollbooth.setSeats(ACME, 6);
    expect(state.seats).toEqual({ used: 6, paid: 6, limit: 10 });
    expect(await quantityOf(w)).toBe(6);
    const latest = (await w.admin.subscriptions.retrieve(w.sub.id, { expand: ['latest_invoice'] }))
      .latest_invoice as { amount_due: number; billing_reason: string };
    expect(latest.billing_reason).toBe('subscription_update');
    expect(latest.amount_due).toBe(preview.amount_due);
    expect(latest.amount_due).toBeGreaterThan(0);
  });

  it('is idempotent: the same quantity again writes nothing to Stripe', async () => {
    const w = await seatWorld(3);
    await w.tollbooth.setSeats(ACME, 5);
    const writes = w.mark();
    const again = await w.tollbooth.setSeats(ACME, 5);
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(again.seats).toEqual({ used: 5, paid: 5, limit: 10 });
  });

  it('converges to the last of parallel calls', async () => {
    const w = await seatWorld(3);
    const results = await Promise.all([4, 9, 2, 7, 5].map((n) => w.tollbooth.setSeats(ACME, n)));
    expect(await quantityOf(w)).toBe(5);
    for (const r of results) expect(r.seats).toMatchObject({ used: 5, paid: 5 });
    expect((await w.tollbooth.billing(ACME)).seats).toEqual({ used: 5, paid: 5, limit: 10 });
  });

  it("refuses a quantity past the plan's limits.seats with a conflict and no Stripe write", async () => {
    const w = await seatWorld(3);
    const writes = w.mark();
    const refused = await w.tollbooth.setSeats(ACME, 11).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TollboothError);
    expect((refused as TollboothError).code).toBe('conflict');
    expect(writes()).toEqual([]);
    expect(await quantityOf(w)).toBe(3);
  });

  it('records seats used for an owner without a subscription, creating nothing', async () => {
    const w = planWorld({ plans });
    const writes = w.mark();
    const state = await w.tollbooth.setSeats({ type: 'organization', id: 'initech' }, 4);
    expect(state.seats).toEqual({ used: 4, paid: 0, limit: null });
    expect(writes()).toEqual([]);
  });

  it('rejects a malformed owner or quantity', async () => {
    const w = planWorld({ plans });
    await expect(w.tollbooth.setSeats({ type: 'team' as 'user', id: 'x' }, 1)).rejects.toThrow(TypeError);
    await expect(w.tollbooth.setSeats(ACME, 1.5)).rejects.toThrow(TypeError);
    await expect(w.tollbooth.setSeats(ACME, -1)).rejects.toThrow(TypeError);
  });
});
