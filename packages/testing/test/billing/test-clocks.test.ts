import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from '../helpers';
import { advance, clockCustomer, DAY, monthsLater, START } from './clock-helpers';

const ctx = useSimulator();

/** Events about this subscription and its invoices since `from`, oldest first, as `type:status`. */
function billingEvents(from: number, subscriptionId: string): string[] {
  return ctx.sim.events
    .slice(from)
    .filter((event) => {
      const object = event.data.object as {
        id: string;
        parent?: { subscription_details?: { subscription?: string } };
      };
      return (
        object.id === subscriptionId || object.parent?.subscription_details?.subscription === subscriptionId
      );
    })
    .map((event) => `${event.type}:${(event.data.object as { status: string }).status}`);
}

describe('test clocks', () => {
  it('creates, retrieves, lists and deletes clocks, and deleting one deletes its customers', async () => {
    const { clock, customer } = await clockCustomer(ctx.stripe, null);
    expect(clock).toMatchObject({ object: 'test_helpers.test_clock', frozen_time: START, status: 'ready' });
    expect(customer.test_clock).toBe(clock.id);
    expect(customer.created).toBe(START);
    expect((await ctx.stripe.testHelpers.testClocks.retrieve(clock.id)).name).toBe('billing test');
    expect((await ctx.stripe.testHelpers.testClocks.list()).data.map((c) => c.id)).toEqual([clock.id]);
    expect((await ctx.stripe.customers.list({ test_clock: clock.id })).data.map((c) => c.id)).toEqual([
      customer.id,
    ]);
    expect(await ctx.stripe.testHelpers.testClocks.del(clock.id)).toMatchObject({ deleted: true });
    expect((await rejection(ctx.stripe.customers.retrieve(customer.id))).statusCode).toBe(404);
    expect((await rejection(ctx.stripe.testHelpers.testClocks.retrieve(clock.id))).statusCode).toBe(404);
  });

  it('answers advancing, then ready; refuses going back and jumps past two intervals', async () => {
    const { clock, customer } = await clockCustomer(ctx.stripe);
    await ctx.stripe.subscriptions.create({ customer: customer.id, items: [{ price: 'price_pro' }] });
    const { answer, clock: ready } = await advance(ctx.stripe, clock.id, START + DAY);
    expect(answer.status).toBe('advancing');
    expect(answer.status_details.advancing?.target_frozen_time).toBe(START + DAY);
    expect(ready).toMatchObject({ status: 'ready', frozen_time: START + DAY });
    const types = ctx.sim.events.map((e) => e.type);
    expect(types.indexOf('test_helpers.test_clock.advancing')).toBeLessThan(
      types.indexOf('test_helpers.test_clock.ready'),
    );
    const back = await rejection(ctx.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START }));
    expect(back.param).toBe('frozen_time');
    const far = await rejection(
      ctx.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: monthsLater(START, 2) + 2 * DAY }),
    );
    expect(far.statusCode).toBe(400);
  });

  it('renews a monthly subscription three times: four paid invoices and the events in Stripe order', async () => {
    const { clock, customer } = await clockCustomer(ctx.stripe);
    const sub = await ctx.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_pro' }],
    });
    expect(sub.status).toBe('active');
    expect(sub.test_clock).toBe(clock.id);
    expect(sub.items.data[0]!.current_period_end).toBe(monthsLater(START, 1));
    const mark = ctx.sim.events.length;
    for (let month = 1; month <= 3; month++) {
      // Two hours past the renewal: the draft is finalised and charged an hour after the period ends.
      await advance(ctx.stripe, clock.id, monthsLater(START, month) + 2 * 3600);
    }
    const invoices = (await ctx.stripe.invoices.list({ subscription: sub.id })).data.reverse();
    expect(invoices.map((i) => [i.billing_reason, i.status, i.amount_paid])).toEqual([
      ['subscription_create', 'paid', 4900],
      ['subscription_cycle', 'paid', 4900],
      ['subscription_cycle', 'paid', 4900],
      ['subscription_cycle', 'paid', 4900],
    ]);
    for (const [month, invoice] of invoices.slice(1).entries()) {
      expect(invoice.created).toBe(monthsLater(START, month + 1));
      expect(invoice.status_transitions.finalized_at).toBe(monthsLater(START, month + 1) + 3600);
      expect(invoice.lines.data[0]!.period).toEqual({
        start: monthsLater(START, month + 1),
        end: monthsLater(START, month + 2),
      });
    }
    const renewal = [
      'invoice.created:draft',
      'customer.subscription.updated:active',
      'invoice.finalized:open',
      'invoice.paid:paid',
      'invoice.payment_succeeded:paid',
    ];
    expect(billingEvents(mark, sub.id)).toEqual([...renewal, ...renewal, ...renewal]);
    const types = ctx.sim.events.slice(mark).map((e) => e.type);
    // Finalising creates the invoice's PaymentIntent; the charge comes between finalisation and `invoice.paid`.
    const created = types.indexOf('payment_intent.created');
    expect(types.slice(created, types.indexOf('invoice.paid'))).toEqual([
      'payment_intent.created',
      'invoice.finalized',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
    const renewed = await ctx.stripe.subscriptions.retrieve(sub.id);
    expect(renewed.items.data[0]!.current_period_start).toBe(monthsLater(START, 3));
    expect(renewed.latest_invoice).toBe(invoices[3]!.id);
  });

  it('delivers the clock’s events through the webhook endpoint', async () => {
    const received: string[] = [];
    const { createStripeSimulator } = await import('../../src/index');
    const sim = createStripeSimulator({
      prices: [
        {
          id: 'price_m',
          product: 'prod_m',
          unit_amount: 1000,
          currency: 'usd',
          recurring: { interval: 'month' },
        },
      ],
      webhook: {
        url: 'https://app.test/webhooks',
        secret: 'whsec_test',
        fetch: async (request) => {
          received.push(((await request.json()) as Stripe.Event).type);
          return new Response('ok');
        },
      },
    });
    const server = await sim.listen();
    try {
      const { stripeFor } = await import('../helpers');
      const stripe = stripeFor(server.port);
      const { clock, customer } = await clockCustomer(stripe);
      await stripe.subscriptions.create({ customer: customer.id, items: [{ price: 'price_m' }] });
      await advance(stripe, clock.id, monthsLater(START, 1) + 2 * 3600);
      await sim.webhooks.flush();
      expect(received).toContain('invoice.finalized');
      expect(received.filter((t) => t === 'invoice.paid')).toHaveLength(2);
      expect(received.at(-1)).toBe('test_helpers.test_clock.ready');
    } finally {
      await server.close();
    }
  });

  it('cancels at the period end when cancel_at_period_end is set, without another invoice', async () => {
    const { clock, customer } = await clockCustomer(ctx.stripe);
    const sub = await ctx.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_pro' }],
    });
    await ctx.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    await advance(ctx.stripe, clock.id, monthsLater(START, 1) - 1);
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
    await advance(ctx.stripe, clock.id, monthsLater(START, 1) + 2 * 3600);
    const ended = await ctx.stripe.subscriptions.retrieve(sub.id);
    expect(ended).toMatchObject({ status: 'canceled', ended_at: monthsLater(START, 1) });
    expect((await ctx.stripe.invoices.list({ subscription: sub.id })).data).toHaveLength(1);
  });

  it('subscribes a clock customer through Checkout at the clock’s time', async () => {
    const { clock, customer } = await clockCustomer(ctx.stripe, null);
    const session = await ctx.stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: 'price_pro', quantity: 1 }],
      success_url: 'https://app.test/ok',
      cancel_url: 'https://app.test/cancel',
    });
    const done = ctx.sim.completeCheckoutSession(session.id);
    const sub = await ctx.stripe.subscriptions.retrieve(done.subscription as string);
    expect(sub).toMatchObject({ start_date: START, test_clock: clock.id, status: 'active' });
    await advance(ctx.stripe, clock.id, monthsLater(START, 1) + 2 * 3600);
    const invoices = (await ctx.stripe.invoices.list({ subscription: sub.id })).data;
    expect(invoices.map((i) => i.status)).toEqual(['paid', 'paid']);
  });
});
