import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../helpers';
import { advance, clockCustomer, DAY, invoicePaymentIntent, START } from './clock-helpers';

const ctx = useSimulator();
const HOUR = 3600;

/** A subscription whose first payment is declined, on a clock at START. */
async function declined() {
  const { clock, customer } = await clockCustomer(ctx.stripe, 'pm_card_chargeCustomerFail');
  const sub = await ctx.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: 'price_pro' }],
    payment_behavior: 'allow_incomplete',
  });
  return { clock, customer, sub };
}

describe('incomplete subscriptions', () => {
  it('expire 23 hours after creation: incomplete_expired, the first invoice voided, its payment canceled', async () => {
    const { clock, sub } = await declined();
    expect(sub.status).toBe('incomplete');
    await advance(ctx.stripe, clock.id, START + 23 * HOUR - 1);
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).status).toBe('incomplete');
    const from = ctx.sim.events.length;
    await advance(ctx.stripe, clock.id, START + 23 * HOUR);
    const expired = await ctx.stripe.subscriptions.retrieve(sub.id);
    expect(expired).toMatchObject({
      status: 'incomplete_expired',
      canceled_at: START + 23 * HOUR,
      ended_at: START + 23 * HOUR,
    });
    const invoice = await ctx.stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(invoice).toMatchObject({ status: 'void', amount_remaining: 0 });
    expect(invoice.status_transitions.voided_at).toBe(START + 23 * HOUR);
    const pi = await invoicePaymentIntent(ctx.stripe, invoice.id);
    expect(pi).toMatchObject({ status: 'canceled', cancellation_reason: 'void_invoice' });
    const events = ctx.sim.events
      .slice(from)
      .filter((e) => !e.type.startsWith('test_helpers.'))
      .map((e) => e.type);
    expect(events).toEqual(['payment_intent.canceled', 'invoice.voided', 'customer.subscription.updated']);
    const updated = ctx.sim.events.find((e) => e.type === 'customer.subscription.updated')!;
    expect(updated.data.previous_attributes).toMatchObject({ status: 'incomplete' });
    // A terminal state: no renewals, and the clock may go far past where the plan would have renewed.
    await advance(ctx.stripe, clock.id, START + 40 * DAY);
    await advance(ctx.stripe, clock.id, START + 80 * DAY);
    expect(ctx.sim.events.filter((e) => e.type === 'invoice.created')).toHaveLength(1);
  });

  it('do not expire once the first invoice is paid within the window', async () => {
    const { clock, customer, sub } = await declined();
    const good = await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await advance(ctx.stripe, clock.id, START + 22 * HOUR);
    await ctx.stripe.invoices.pay(sub.latest_invoice as string, { payment_method: good.id });
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
    await advance(ctx.stripe, clock.id, START + 2 * DAY);
    const active: Stripe.Subscription = await ctx.stripe.subscriptions.retrieve(sub.id);
    expect(active.status).toBe('active');
    expect((await ctx.stripe.invoices.retrieve(sub.latest_invoice as string)).status).toBe('paid');
  });

  it('expire a default_incomplete subscription that is never confirmed', async () => {
    const { clock, customer } = await clockCustomer(ctx.stripe);
    const sub = await ctx.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_pro' }],
      payment_behavior: 'default_incomplete',
    });
    await advance(ctx.stripe, clock.id, START + DAY);
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).status).toBe('incomplete_expired');
  });
});
