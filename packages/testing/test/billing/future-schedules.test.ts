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
  START,
} from './clock-helpers';

const ctx = useSimulator({ prices: BILLING_PRICES, products: BILLING_PRODUCTS });
const BEGIN = START + 10 * DAY;

describe('subscription schedules starting in the future', () => {
  it('wait as not_started, then create the first phase’s subscription when the clock reaches start_date', async () => {
    const { clock, customer } = await clockCustomer(ctx.stripe);
    const schedule = await ctx.stripe.subscriptionSchedules.create({
      customer: customer.id,
      start_date: BEGIN,
      phases: [
        { items: [{ price: 'price_pro', quantity: 1 }] },
        { items: [{ price: 'price_team', quantity: 1 }] },
      ],
    });
    expect(schedule).toMatchObject({ status: 'not_started', subscription: null, current_phase: null });
    expect(schedule.phases.map((p) => [p.start_date, p.end_date])).toEqual([
      [BEGIN, monthsLater(BEGIN, 1)],
      [monthsLater(BEGIN, 1), monthsLater(BEGIN, 2)],
    ]);
    await advance(ctx.stripe, clock.id, BEGIN - 1);
    expect((await ctx.stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);
    await advance(ctx.stripe, clock.id, BEGIN);
    const started = await ctx.stripe.subscriptionSchedules.retrieve(schedule.id);
    expect(started).toMatchObject({
      status: 'active',
      current_phase: { start_date: BEGIN, end_date: monthsLater(BEGIN, 1) },
    });
    const sub = await ctx.stripe.subscriptions.retrieve(started.subscription as string, {
      expand: ['latest_invoice'],
    });
    expect(sub).toMatchObject({ status: 'active', start_date: BEGIN, schedule: schedule.id });
    expect(sub.items.data[0]!.price.id).toBe('price_pro');
    expect((sub.latest_invoice as Stripe.Invoice).amount_paid).toBe(4900);
    expect(ctx.sim.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['subscription_schedule.created', 'customer.subscription.created']),
    );
    // The next phase follows on the clock as for any schedule.
    await advance(ctx.stripe, clock.id, monthsLater(BEGIN, 1) + 2 * 3600);
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).items.data[0]!.price.id).toBe('price_team');
  });

  it('can be canceled before they start, and then never start', async () => {
    const { clock, customer } = await clockCustomer(ctx.stripe);
    const schedule = await ctx.stripe.subscriptionSchedules.create({
      customer: customer.id,
      start_date: BEGIN,
      phases: [{ items: [{ price: 'price_pro' }] }],
    });
    expect((await ctx.stripe.subscriptionSchedules.cancel(schedule.id)).status).toBe('canceled');
    await advance(ctx.stripe, clock.id, BEGIN + DAY);
    expect((await ctx.stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);
  });

  it('refuses a start_date in the past', async () => {
    const { customer } = await clockCustomer(ctx.stripe);
    const error = await rejection(
      ctx.stripe.subscriptionSchedules.create({
        customer: customer.id,
        start_date: START - DAY,
        phases: [{ items: [{ price: 'price_pro' }] }],
      }),
    );
    expect(error).toMatchObject({ statusCode: 400, param: 'start_date' });
  });
});
