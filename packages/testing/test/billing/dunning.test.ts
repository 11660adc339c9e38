import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createStripeSimulator, type StripeSimulatorOptions } from '../../src/index';
import { PRICES, rejection, stripeFor, useSimulator } from '../helpers';
import { advance, clockCustomer, DAY, monthsLater, START } from './clock-helpers';

const ctx = useSimulator();

/** A subscription paid by a good card whose customer then switches to one that fails every charge. */
async function failingRenewal(stripe: Stripe) {
  const { clock, customer } = await clockCustomer(stripe);
  const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: 'price_pro' }] });
  const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: failing.id } });
  const renewal = monthsLater(START, 1) + 3600;
  return { clock, customer, sub, renewal };
}

async function latestInvoice(stripe: Stripe, subscriptionId: string) {
  const sub = await stripe.subscriptions.retrieve(subscriptionId, { expand: ['latest_invoice'] });
  return { sub, invoice: sub.latest_invoice as Stripe.Invoice };
}

async function withSimulator(
  options: Partial<StripeSimulatorOptions>,
  test: (stripe: Stripe) => Promise<void>,
) {
  const sim = createStripeSimulator({ prices: PRICES, ...options });
  const server = await sim.listen();
  try {
    await test(stripeFor(server.port));
  } finally {
    await server.close();
  }
}

describe('failed renewals', () => {
  it('goes past_due, retries on Stripe’s default schedule (8 attempts in 2 weeks), then cancels', async () => {
    const { clock, sub, renewal } = await failingRenewal(ctx.stripe);
    await advance(ctx.stripe, clock.id, renewal);
    let { sub: current, invoice } = await latestInvoice(ctx.stripe, sub.id);
    expect(current.status).toBe('past_due');
    expect(invoice).toMatchObject({
      status: 'open',
      attempt_count: 1,
      next_payment_attempt: renewal + 2 * DAY,
    });
    const failedEvent = ctx.sim.events.filter((e) => e.type === 'invoice.payment_failed').at(-1)!;
    expect((failedEvent.data.object as Stripe.Invoice).next_payment_attempt).toBe(renewal + 2 * DAY);

    await advance(ctx.stripe, clock.id, renewal + 13 * DAY);
    ({ sub: current, invoice } = await latestInvoice(ctx.stripe, sub.id));
    expect(current.status).toBe('past_due');
    expect(invoice.attempt_count).toBe(7);

    await advance(ctx.stripe, clock.id, renewal + 15 * DAY);
    ({ sub: current, invoice } = await latestInvoice(ctx.stripe, sub.id));
    expect(invoice).toMatchObject({ status: 'open', attempt_count: 8, next_payment_attempt: null });
    expect(current).toMatchObject({ status: 'canceled', ended_at: renewal + 14 * DAY });
    expect(current.cancellation_details?.reason).toBe('payment_failed');
  });

  it('follows custom retry settings and marks the subscription unpaid', async () => {
    await withSimulator({ retries: { days: [1, 3], afterLast: 'unpaid' } }, async (stripe) => {
      const { clock, sub, renewal } = await failingRenewal(stripe);
      await advance(stripe, clock.id, renewal + DAY);
      expect((await latestInvoice(stripe, sub.id)).invoice.attempt_count).toBe(2);
      await advance(stripe, clock.id, renewal + 4 * DAY);
      const { sub: current, invoice } = await latestInvoice(stripe, sub.id);
      expect(invoice).toMatchObject({ attempt_count: 3, next_payment_attempt: null });
      expect(current.status).toBe('unpaid');
    });
  });

  it('recovers when a retry succeeds with a new default card', async () => {
    const { clock, customer, sub, renewal } = await failingRenewal(ctx.stripe);
    await advance(ctx.stripe, clock.id, renewal);
    const good = await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await ctx.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: good.id } });
    await advance(ctx.stripe, clock.id, renewal + 2 * DAY);
    const { sub: current, invoice } = await latestInvoice(ctx.stripe, sub.id);
    expect(invoice).toMatchObject({ status: 'paid', attempt_count: 2, amount_paid: 4900 });
    expect(current.status).toBe('active');
  });

  it('invoices.pay: a decline keeps the retry schedule; a good card pays and reactivates', async () => {
    const { clock, customer, sub, renewal } = await failingRenewal(ctx.stripe);
    await advance(ctx.stripe, clock.id, renewal);
    const { invoice } = await latestInvoice(ctx.stripe, sub.id);
    const declined = await rejection(ctx.stripe.invoices.pay(invoice.id));
    expect(declined).toMatchObject({ statusCode: 402, code: 'card_declined' });
    const after = await ctx.stripe.invoices.retrieve(invoice.id);
    expect(after).toMatchObject({
      attempt_count: 2,
      next_payment_attempt: renewal + 2 * DAY,
      status: 'open',
    });
    const good = await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const paid = await ctx.stripe.invoices.pay(invoice.id, { payment_method: good.id });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 4900, next_payment_attempt: null });
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
    expect((await rejection(ctx.stripe.invoices.pay(invoice.id))).code).toBe('invoice_already_paid');
    const lines = await ctx.stripe.invoices.listLineItems(invoice.id);
    expect(lines.data.map((line) => line.amount)).toEqual([4900]);
  });
});
