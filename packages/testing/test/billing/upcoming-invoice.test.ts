import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createStripeSimulator } from '../../src/index';
import { useSimulator } from '../helpers';
import {
  advance,
  BILLING_PRICES,
  BILLING_PRODUCTS,
  clockCustomer,
  DAY,
  monthsLater,
  START,
} from './clock-helpers';

const END = monthsLater(START, 1);

const upcomingEvents = (sim: { events: Stripe.Event[] }) =>
  sim.events.filter((event) => event.type === 'invoice.upcoming');

describe('invoice.upcoming (default notice: 3 days)', () => {
  const ctx = useSimulator({ prices: BILLING_PRICES, products: BILLING_PRODUCTS });

  it('announces the renewal 3 days before with the invoice it then creates, which has no id yet', async () => {
    const { clock, customer } = await clockCustomer(ctx.stripe);
    const sub = await ctx.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_seat', quantity: 3 }],
    });
    await advance(ctx.stripe, clock.id, END - 3 * DAY - 1);
    expect(upcomingEvents(ctx.sim)).toEqual([]);
    await advance(ctx.stripe, clock.id, END - 3 * DAY);
    const [event] = upcomingEvents(ctx.sim);
    expect(event!.created).toBe(END - 3 * DAY);
    const upcoming = event!.data.object as Stripe.Invoice;
    expect(upcoming).not.toHaveProperty('id');
    expect(upcoming).toMatchObject({
      object: 'invoice',
      billing_reason: 'subscription_cycle',
      customer: customer.id,
      amount_due: 3000,
      status: 'draft',
    });
    expect(upcoming.parent?.subscription_details?.subscription).toBe(sub.id);
    expect(upcoming.lines.data[0]!.period).toEqual({ start: END, end: monthsLater(START, 2) });
    // Stepping the clock again within the period sends no second notice; the renewal bills what was announced.
    await advance(ctx.stripe, clock.id, END - DAY);
    await advance(ctx.stripe, clock.id, END + 2 * 3600);
    expect(upcomingEvents(ctx.sim)).toHaveLength(1);
    const renewal = (await ctx.stripe.invoices.list({ subscription: sub.id })).data[0]!;
    expect(renewal).toMatchObject({ billing_reason: 'subscription_cycle', amount_paid: upcoming.amount_due });
    expect(renewal.lines.data.map((l) => l.amount)).toEqual(upcoming.lines.data.map((l) => l.amount));
  });

  it('announces the end of a trial, and nothing for a subscription that cancels at the period end', async () => {
    const { clock, customer } = await clockCustomer(ctx.stripe);
    const trial = await ctx.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_pro' }],
      trial_period_days: 14,
    });
    const ending = await ctx.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_team' }],
      cancel_at_period_end: true,
    });
    await advance(ctx.stripe, clock.id, END);
    const announced = upcomingEvents(ctx.sim).map((e) => {
      const invoice = e.data.object as Stripe.Invoice;
      return [invoice.parent?.subscription_details?.subscription, e.created, invoice.amount_due];
    });
    expect(announced).toEqual([[trial.id, START + 11 * DAY, 4900]]);
    expect((await ctx.stripe.subscriptions.retrieve(ending.id)).status).toBe('canceled');
  });
});

describe('invoice.upcoming with the account set to 7 days', () => {
  const ctx = useSimulator({ prices: BILLING_PRICES, products: BILLING_PRODUCTS, upcomingRenewalDays: 7 });

  it('sends the notice 7 days before the renewal', async () => {
    const { clock, customer } = await clockCustomer(ctx.stripe);
    await ctx.stripe.subscriptions.create({ customer: customer.id, items: [{ price: 'price_pro' }] });
    await advance(ctx.stripe, clock.id, END - 4 * DAY);
    expect(upcomingEvents(ctx.sim).map((e) => e.created)).toEqual([END - 7 * DAY]);
  });
});

describe('upcomingRenewalDays', () => {
  it('refuses a notice that is not a whole number of days, at least 1', () => {
    for (const days of [0, -1, 2.5, Number.NaN]) {
      expect(() => createStripeSimulator({ upcomingRenewalDays: days })).toThrow(/upcomingRenewalDays/);
    }
  });
});
