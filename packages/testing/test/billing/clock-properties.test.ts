import fc from 'fast-check';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../helpers';
import { advance, clockCustomer, DAY, monthsLater, START } from './clock-helpers';

const ctx = useSimulator();
const TARGET = monthsLater(START, 1) + 20 * DAY;

/** A subscription whose renewal fails (so retries run), its clock moved to TARGET through `stops`. */
async function run(stops: number[]) {
  ctx.sim.reset();
  const { clock, customer } = await clockCustomer(ctx.stripe);
  const sub = await ctx.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: 'price_pro' }],
    trial_period_days: 3,
  });
  const failing = await ctx.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', {
    customer: customer.id,
  });
  await ctx.stripe.customers.update(customer.id, {
    invoice_settings: { default_payment_method: failing.id },
  });
  const mark = ctx.sim.events.length;
  for (const stop of [...stops, TARGET]) await advance(ctx.stripe, clock.id, stop);
  const invoices = (await ctx.stripe.invoices.list({ subscription: sub.id, limit: 100 })).data;
  const final = await ctx.stripe.subscriptions.retrieve(sub.id);
  return {
    status: final.status,
    period: [final.items.data[0]!.current_period_start, final.items.data[0]!.current_period_end],
    invoices: invoices.map((i: Stripe.Invoice) => [
      i.billing_reason,
      i.status,
      i.created,
      i.attempt_count,
      i.next_payment_attempt,
      i.amount_due,
    ]),
    events: ctx.sim.events
      .slice(mark)
      .filter((e) => !e.type.startsWith('test_helpers.'))
      .map((e) => [e.type, e.created]),
  };
}

describe('test clock advancing', () => {
  it('ends in the same state and the same events however the time is split', async () => {
    const reference = await run([]);
    expect(reference.status).toBe('canceled');
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: START + 1, max: TARGET - 1 }), { maxLength: 6 }),
        async (stops) => {
          expect(await run([...stops].sort((a, b) => a - b))).toEqual(reference);
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);
});
