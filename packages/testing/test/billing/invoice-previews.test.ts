import fc from 'fast-check';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from '../helpers';
import {
  advance,
  BILLING_PRICES,
  BILLING_PRODUCTS,
  clockCustomer,
  DAY,
  monthsLater,
  prorated,
  START,
} from './clock-helpers';

const ctx = useSimulator({ prices: BILLING_PRICES, products: BILLING_PRODUCTS });
const END = monthsLater(START, 1);
/** The clock stands here; proration dates are picked between the period start and now. */
const NOW = START + 27 * DAY;

async function subscribed(price = 'price_pro') {
  // Each property run starts from a fresh account, so previews (which copy the account) stay cheap.
  ctx.sim.reset();
  const { clock, customer } = await clockCustomer(ctx.stripe);
  const sub = await ctx.stripe.subscriptions.create({ customer: customer.id, items: [{ price }] });
  await advance(ctx.stripe, clock.id, NOW);
  return { clock, customer, sub, item: sub.items.data[0]! };
}

const summary = (invoice: Stripe.Invoice) => ({
  amount_due: invoice.amount_due,
  total: invoice.total,
  lines: invoice.lines.data.map((line) => [
    line.amount,
    line.description,
    line.period.start,
    line.period.end,
  ]),
});

describe('invoices.createPreview', () => {
  it('previews the next renewal of an unchanged subscription', async () => {
    const { sub, customer } = await subscribed();
    const preview = await ctx.stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id });
    expect(preview).toMatchObject({
      object: 'invoice',
      status: 'draft',
      amount_due: 4900,
      billing_reason: 'subscription_cycle',
    });
    expect(preview.lines.data[0]!.period).toEqual({ start: END, end: monthsLater(START, 2) });
    // A preview changes nothing and sends no event.
    expect((await ctx.stripe.invoices.list({ subscription: sub.id })).data).toHaveLength(1);
  });

  it('previews a new subscription for a customer', async () => {
    const { customer } = await clockCustomer(ctx.stripe);
    const preview = await ctx.stripe.invoices.createPreview({
      customer: customer.id,
      subscription_details: { items: [{ price: 'price_team', quantity: 2 }] },
    });
    expect(preview.amount_due).toBe(19800);
    expect((await ctx.stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
  });

  it('answers invoice_upcoming_none for a subscription that ends at the period end', async () => {
    const { sub } = await subscribed();
    await ctx.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    const error = await rejection(ctx.stripe.invoices.createPreview({ subscription: sub.id }));
    expect(error.code).toBe('invoice_upcoming_none');
  });

  it('always_invoice: the change charges exactly what the preview said, for any proration date', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: START, max: NOW }),
        fc.constantFrom('price_team', 'price_pro_yearly'),
        async (prorationDate, price) => {
          const { customer, sub, item } = await subscribed();
          const items = [{ id: item.id, price }];
          const preview = await ctx.stripe.invoices.createPreview({
            customer: customer.id,
            subscription: sub.id,
            subscription_details: {
              items,
              proration_date: prorationDate,
              proration_behavior: 'always_invoice',
            },
          });
          const updated = await ctx.stripe.subscriptions.update(sub.id, {
            items,
            proration_date: prorationDate,
            proration_behavior: 'always_invoice',
            expand: ['latest_invoice'],
          });
          const invoice = updated.latest_invoice as Stripe.Invoice;
          expect(summary(invoice)).toEqual(summary(preview));
          expect(invoice.amount_paid).toBe(preview.amount_due);
          expect(preview.lines.data[0]!.amount).toBe(-prorated(4900, START, END, prorationDate));
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);

  it('create_prorations: the next renewal charges exactly what the preview said, for any proration date', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: START, max: NOW }), async (prorationDate) => {
        const { clock, sub, item } = await subscribed();
        const items = [{ id: item.id, price: 'price_team' }];
        const preview = await ctx.stripe.invoices.createPreview({
          subscription: sub.id,
          subscription_details: { items, proration_date: prorationDate },
        });
        await ctx.stripe.subscriptions.update(sub.id, { items, proration_date: prorationDate });
        await advance(ctx.stripe, clock.id, END + 2 * 3600);
        const [renewal] = (await ctx.stripe.invoices.list({ subscription: sub.id })).data;
        expect(summary(renewal!)).toEqual(summary(preview));
        expect(renewal!.amount_paid).toBe(
          9900 - prorated(4900, START, END, prorationDate) + prorated(9900, START, END, prorationDate),
        );
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('previews a schedule change with schedule_details', async () => {
    const { sub } = await subscribed('price_team');
    const schedule = await ctx.stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    const phase = schedule.phases[0]!;
    const preview = await ctx.stripe.invoices.createPreview({
      subscription: sub.id,
      schedule_details: {
        phases: [
          { items: [{ price: 'price_team' }], start_date: phase.start_date, end_date: phase.end_date },
          { items: [{ price: 'price_pro' }] },
        ],
      },
    });
    expect(preview.amount_due).toBe(4900);
    expect((await ctx.stripe.subscriptionSchedules.retrieve(schedule.id)).phases).toHaveLength(1);
  });
});
