import fc from 'fast-check';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createTollbooth, memoryStore } from '../../src/index';
import { call, errorOf } from '../helpers';
import { DAY, planWorld, START } from './world';

describe('preview = charge', () => {
  it('the upgrade charges exactly what its preview said, for any date in the period', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 27 * DAY }),
        // Upgrades by monthly price: Team, and six seats (60.00 a month against Pro's 49.00).
        fc.constantFrom({ price: 'team' }, { price: 'seat', quantity: 6 }),
        fc.integer({ min: 1, max: 600 }),
        async (offset, target, delay) => {
          const w = planWorld();
          const { clock, sub } = await w.subscriber('u1', 'price_pro');
          await w.advance(clock.id, START + offset);
          const preview = await w.preview('u1', sub.id, target);
          // The change comes a little later (the buyer reads the preview first): the preview's date is kept.
          await w.advance(clock.id, START + offset + delay);
          expect(preview.body.effective).toBe('now');
          const changed = await w.change('u1', sub.id, target);
          expect(changed.status).toBe(200);
          const after = await w.admin.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
          const invoice = after.latest_invoice as Stripe.Invoice;
          expect(invoice.amount_paid).toBe(preview.body.amountDue);
          const credit = -invoice.lines.data.filter((l) => l.amount < 0).reduce((a, l) => a + l.amount, 0);
          expect(credit).toBe(preview.body.credit);
        },
      ),
      { numRuns: 15 },
    );
    // Fifteen accounts on fresh clocks: generous on a loaded machine; nothing here measures time.
  }, 120_000);
});

describe('checkout.create for a plan', () => {
  const checkout = (w: ReturnType<typeof planWorld>, user: string, price: string, key?: string) =>
    w.post('/checkout', { items: [{ price, quantity: 1 }] }, user, key);

  it('refuses a second subscription with 409 pointing to a plan change; one-time buys still work', async () => {
    const w = planWorld();
    await w.subscriber('u1', 'price_pro');
    const writes = w.mark();
    const res = await checkout(w, 'u1', 'team');
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/change its plan/i);
    expect(writes()).toEqual([]);
    expect((await checkout(w, 'u1', 'mug')).status).toBe(200);
  });

  it('parallel checkouts for one owner end in one subscription', async () => {
    const w = planWorld();
    await w.customer('u2');
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => checkout(w, 'u2', 'team', `tab-${i}`)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(5).fill(200));
    const ids = new Set(await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    // Choosing another plan in a new tab expires the first session: only one can become a subscription.
    const other = (await (await checkout(w, 'u2', 'pro', 'tab-x')).json()) as { id: string };
    const [first] = [...ids];
    expect((await w.admin.checkout.sessions.retrieve(first!)).status).toBe('expired');
    w.sim.completeCheckoutSession(other.id);
    expect(() => w.sim.completeCheckoutSession(first!)).toThrow();
    const customer = (await w.admin.checkout.sessions.retrieve(other.id)).customer as string;
    expect((await w.admin.subscriptions.list({ customer, status: 'all' })).data).toHaveLength(1);
    expect((await checkout(w, 'u2', 'pro', 'tab-y')).status).toBe(409);
  });

  it("grants the plan's trial once per owner, remembered by Stripe (a wiped store grants nothing twice)", async () => {
    const w = planWorld();
    const { customer } = await w.customer('u3');
    const first = (await (await checkout(w, 'u3', 'pro')).json()) as { id: string };
    w.sim.completeCheckoutSession(first.id);
    const [trial] = (await w.admin.subscriptions.list({ customer })).data;
    expect(trial).toMatchObject({ status: 'trialing' });
    expect(trial!.trial_end! - trial!.trial_start!).toBe(14 * DAY);
    expect((await w.billing(customer)).status).toBe('trialing');
    await w.admin.subscriptions.cancel(trial!.id);
    // A fresh instance with an empty store: Stripe's past subscriptions still say the trial was used.
    const restarted = createTollbooth({ ...w.config, store: memoryStore() });
    const body = { items: [{ price: 'pro', quantity: 1 }] };
    const second = (await (await restarted.handle(call('/checkout', { body, user: 'u3' }))).json()) as {
      id: string;
    };
    w.sim.completeCheckoutSession(second.id);
    const live = (await w.admin.subscriptions.list({ customer })).data.find((s) => s.status !== 'canceled');
    expect(live).toMatchObject({ status: 'active', trial_end: null });
    // Team has no trial at all.
    const { customer: c4 } = await w.customer('u4');
    w.sim.completeCheckoutSession(((await (await checkout(w, 'u4', 'team')).json()) as { id: string }).id);
    expect((await w.admin.subscriptions.list({ customer: c4 })).data[0]).toMatchObject({ status: 'active' });
  });

  it('promotion codes and automatic tax are off unless configured, then sent to Checkout', async () => {
    const off = planWorld();
    await off.customer('u1');
    const plain = (await (await checkout(off, 'u1', 'team')).json()) as { id: string };
    const session = await off.admin.checkout.sessions.retrieve(plain.id);
    expect(session.allow_promotion_codes ?? false).toBe(false);
    expect(session.automatic_tax?.enabled ?? false).toBe(false);
    const on = planWorld({ checkout: { allowPromotionCodes: true, automaticTax: true } });
    await on.customer('u1');
    const writes = on.mark();
    expect((await checkout(on, 'u1', 'team')).status).toBe(200);
    const sent = writes().find((r) => r.path === '/v1/checkout/sessions');
    expect(sent?.params).toMatchObject({
      allow_promotion_codes: 'true',
      automatic_tax: { enabled: 'true' },
      customer_update: { address: 'auto' },
    });
  });
});
