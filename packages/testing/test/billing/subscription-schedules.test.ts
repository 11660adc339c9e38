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
const END = monthsLater(START, 1);

async function teamSubscription() {
  const { clock, customer } = await clockCustomer(ctx.stripe);
  const sub = await ctx.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: 'price_team' }],
  });
  await advance(ctx.stripe, clock.id, START + 5 * DAY);
  return { clock, customer, sub };
}

/** A downgrade to Pro at the period end, the way a plan switcher schedules it. */
async function scheduleDowngrade(sub: Stripe.Subscription) {
  const schedule = await ctx.stripe.subscriptionSchedules.create({ from_subscription: sub.id });
  const current = schedule.phases[0]!;
  return ctx.stripe.subscriptionSchedules.update(schedule.id, {
    phases: [
      {
        items: [{ price: 'price_team', quantity: 1 }],
        start_date: current.start_date,
        end_date: current.end_date,
      },
      { items: [{ price: 'price_pro', quantity: 1 }] },
    ],
  });
}

describe('subscription schedules', () => {
  it('from_subscription: one phase for the current period, and subscription.schedule set', async () => {
    const { sub } = await teamSubscription();
    const schedule = await ctx.stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    expect(schedule).toMatchObject({ status: 'active', subscription: sub.id, end_behavior: 'release' });
    expect(schedule.phases).toHaveLength(1);
    expect(schedule.phases[0]).toMatchObject({ start_date: START, end_date: END });
    expect(schedule.phases[0]!.items[0]!.price).toBe('price_team');
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).schedule).toBe(schedule.id);
    const again = await rejection(ctx.stripe.subscriptionSchedules.create({ from_subscription: sub.id }));
    expect(again.statusCode).toBe(400);
    expect(
      (await ctx.stripe.subscriptionSchedules.list({ customer: sub.customer as string })).data,
    ).toHaveLength(1);
  });

  it('applies the next phase when the clock passes the phase end, then releases the subscription', async () => {
    const { clock, sub } = await teamSubscription();
    const schedule = await scheduleDowngrade(sub);
    expect(schedule.phases.map((p) => [p.start_date, p.end_date])).toEqual([
      [START, END],
      [END, monthsLater(START, 2)],
    ]);
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).items.data[0]!.price.id).toBe('price_team');

    await advance(ctx.stripe, clock.id, END + 2 * 3600);
    const renewed = await ctx.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(renewed.items.data[0]!.price.id).toBe('price_pro');
    expect(renewed.latest_invoice).toMatchObject({ amount_paid: 4900, billing_reason: 'subscription_cycle' });
    expect((await ctx.stripe.invoices.list({ subscription: sub.id })).data.map((i) => i.amount_paid)).toEqual(
      [4900, 9900],
    );
    expect((await ctx.stripe.subscriptionSchedules.retrieve(schedule.id)).current_phase).toEqual({
      start_date: END,
      end_date: monthsLater(START, 2),
    });

    await advance(ctx.stripe, clock.id, monthsLater(START, 2) + 2 * 3600);
    const released = await ctx.stripe.subscriptionSchedules.retrieve(schedule.id);
    expect(released).toMatchObject({ status: 'released', released_subscription: sub.id, subscription: null });
    const after = await ctx.stripe.subscriptions.retrieve(sub.id);
    expect(after).toMatchObject({ status: 'active', schedule: null });
    expect(after.items.data[0]!.price.id).toBe('price_pro');
  });

  it('release undoes a scheduled change; cancel ends the subscription', async () => {
    const first = await teamSubscription();
    const schedule = await scheduleDowngrade(first.sub);
    await ctx.stripe.subscriptionSchedules.release(schedule.id);
    expect((await ctx.stripe.subscriptions.retrieve(first.sub.id)).schedule).toBeNull();
    await advance(ctx.stripe, first.clock.id, END + 2 * 3600);
    expect((await ctx.stripe.subscriptions.retrieve(first.sub.id)).items.data[0]!.price.id).toBe(
      'price_team',
    );

    const second = await teamSubscription();
    const other = await scheduleDowngrade(second.sub);
    const canceled = await ctx.stripe.subscriptionSchedules.cancel(other.id);
    expect(canceled.status).toBe('canceled');
    expect((await ctx.stripe.subscriptions.retrieve(second.sub.id)).status).toBe('canceled');
    const late = await rejection(ctx.stripe.subscriptionSchedules.release(other.id));
    expect(late.statusCode).toBe(400);
  });

  it('end_behavior cancel cancels the subscription when the last phase ends', async () => {
    const { clock, sub } = await teamSubscription();
    const schedule = await ctx.stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    await ctx.stripe.subscriptionSchedules.update(schedule.id, { end_behavior: 'cancel' });
    await advance(ctx.stripe, clock.id, END + 2 * 3600);
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');
    expect((await ctx.stripe.subscriptionSchedules.retrieve(schedule.id)).status).toBe('completed');
  });

  it('creates a subscription from phases for a customer', async () => {
    const { customer } = await clockCustomer(ctx.stripe);
    const schedule = await ctx.stripe.subscriptionSchedules.create({
      customer: customer.id,
      start_date: 'now',
      phases: [
        { items: [{ price: 'price_pro' }], duration: { interval: 'month', interval_count: 2 } },
        { items: [{ price: 'price_team' }] },
      ],
    });
    const sub = await ctx.stripe.subscriptions.retrieve(schedule.subscription as string);
    expect(sub).toMatchObject({ status: 'active', schedule: schedule.id });
    expect(schedule.phases[0]!.end_date).toBe(monthsLater(START, 2));
  });
});
