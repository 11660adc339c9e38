import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from '../helpers';
import {
  advance,
  BILLING_PRICES,
  BILLING_PRODUCTS,
  clockCustomer,
  DAY,
  invoicePaymentIntent,
  monthsLater,
  prorated,
  START,
} from './clock-helpers';

const ctx = useSimulator({ prices: BILLING_PRICES, products: BILLING_PRODUCTS });
const END = monthsLater(START, 1);
const MID = START + 10 * DAY + 1234;

/** A paid monthly subscription on a clock moved to `MID`; `card` becomes the default afterwards. */
async function midPeriod(price = 'price_pro', card = 'pm_card_visa', quantity = 1) {
  const { clock, customer } = await clockCustomer(ctx.stripe);
  const sub = await ctx.stripe.subscriptions.create({ customer: customer.id, items: [{ price, quantity }] });
  if (card !== 'pm_card_visa') {
    const pm = await ctx.stripe.paymentMethods.attach(card, { customer: customer.id });
    await ctx.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  }
  await advance(ctx.stripe, clock.id, MID);
  return { clock, customer, sub, item: sub.items.data[0]! };
}

const lineAmounts = (invoice: Stripe.Invoice) => invoice.lines.data.map((line) => line.amount);

describe('subscriptions.update', () => {
  it('always_invoice: bills the prorated difference now, by the second, and keeps the item', async () => {
    const { sub, item } = await midPeriod();
    const updated = await ctx.stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, price: 'price_team' }],
      proration_behavior: 'always_invoice',
      expand: ['latest_invoice'],
    });
    const invoice = updated.latest_invoice as Stripe.Invoice;
    const credit = -prorated(4900, START, END, MID);
    const charge = prorated(9900, START, END, MID);
    expect(lineAmounts(invoice)).toEqual([credit, charge]);
    expect(invoice).toMatchObject({
      billing_reason: 'subscription_update',
      status: 'paid',
      amount_paid: credit + charge,
    });
    expect(invoice.lines.data[0]!.description).toBe('Unused time on 1 × Pro after 25 Jan 2026');
    expect(invoice.lines.data[1]!.parent?.subscription_item_details?.proration).toBe(true);
    expect(updated.items.data[0]).toMatchObject({ id: item.id, current_period_end: END });
    expect(updated.items.data[0]!.price.id).toBe('price_team');
    const event = ctx.sim.events.filter((e) => e.type === 'customer.subscription.updated').at(-1)!;
    expect(
      (event.data.previous_attributes as { items: Stripe.ApiList<Stripe.SubscriptionItem> }).items.data[0]!
        .price.id,
    ).toBe('price_pro');
  });

  it('create_prorations: saves the prorations for the next renewal; none: skips them', async () => {
    const a = await midPeriod();
    const b = await midPeriod();
    await ctx.stripe.subscriptions.update(a.sub.id, { items: [{ id: a.item.id, price: 'price_team' }] });
    await ctx.stripe.subscriptions.update(b.sub.id, {
      items: [{ id: b.item.id, price: 'price_team' }],
      proration_behavior: 'none',
    });
    expect((await ctx.stripe.invoices.list({ subscription: a.sub.id })).data).toHaveLength(1);
    for (const { clock } of [a, b]) await advance(ctx.stripe, clock.id, END + 2 * 3600);
    const [renewalA] = (await ctx.stripe.invoices.list({ subscription: a.sub.id })).data;
    const [renewalB] = (await ctx.stripe.invoices.list({ subscription: b.sub.id })).data;
    expect(lineAmounts(renewalA!)).toEqual([
      9900,
      -prorated(4900, START, END, MID),
      prorated(9900, START, END, MID),
    ]);
    expect(renewalA!.status).toBe('paid');
    expect(lineAmounts(renewalB!)).toEqual([9900]);
  });

  it('bills quantity changes as the difference of two prorations', async () => {
    const { sub, item } = await midPeriod('price_seat', 'pm_card_visa', 1);
    const updated = await ctx.stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, quantity: 3 }],
      proration_behavior: 'always_invoice',
      expand: ['latest_invoice'],
    });
    expect(updated.items.data[0]!.quantity).toBe(3);
    expect((updated.latest_invoice as Stripe.Invoice).amount_paid).toBe(
      prorated(3000, START, END, MID) - prorated(1000, START, END, MID),
    );
  });

  it('restarts the cycle for an interval change or billing_cycle_anchor=now, billing the new period at once', async () => {
    const { sub, item } = await midPeriod();
    const yearly = await ctx.stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, price: 'price_pro_yearly' }],
      expand: ['latest_invoice'],
    });
    expect(yearly.items.data[0]).toMatchObject({
      current_period_start: MID,
      current_period_end: monthsLater(MID, 12),
    });
    expect(yearly.billing_cycle_anchor).toBe(MID);
    expect(lineAmounts(yearly.latest_invoice as Stripe.Invoice)).toEqual([
      -prorated(4900, START, END, MID),
      49000,
    ]);

    const other = await midPeriod();
    const anchored = await ctx.stripe.subscriptions.update(other.sub.id, {
      billing_cycle_anchor: { type: 'now' },
      proration_behavior: 'none',
      expand: ['latest_invoice'],
    });
    expect(anchored.items.data[0]!.current_period_end).toBe(monthsLater(MID, 1));
    expect(lineAmounts(anchored.latest_invoice as Stripe.Invoice)).toEqual([4900]);
  });

  it('leaves the invoice PaymentIntent in requires_action for a 3-D Secure card (allow_incomplete)', async () => {
    const { sub, item } = await midPeriod('price_pro', 'pm_card_authenticationRequired');
    const updated = await ctx.stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, price: 'price_team' }],
      proration_behavior: 'always_invoice',
      expand: ['latest_invoice'],
    });
    expect(updated.status).toBe('past_due');
    const invoice = updated.latest_invoice as Stripe.Invoice;
    expect(invoice.status).toBe('open');
    const pi = await invoicePaymentIntent(ctx.stripe, invoice.id);
    expect(pi.status).toBe('requires_action');
    expect(invoice.confirmation_secret?.client_secret).toBe(pi.client_secret);
    ctx.sim.authenticate(pi.id, 'succeed');
    expect((await ctx.stripe.invoices.retrieve(invoice.id)).status).toBe('paid');
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
  });

  it('error_if_incomplete: a failed payment answers 402 and changes nothing', async () => {
    const { sub, item } = await midPeriod('price_pro', 'pm_card_chargeCustomerFail');
    const before = ctx.sim.events.length;
    const error = await rejection(
      ctx.stripe.subscriptions.update(sub.id, {
        items: [{ id: item.id, price: 'price_team' }],
        proration_behavior: 'always_invoice',
        payment_behavior: 'error_if_incomplete',
      }),
    );
    expect(error.statusCode).toBe(402);
    expect(error.code).toBe('card_declined');
    const after = await ctx.stripe.subscriptions.retrieve(sub.id);
    expect(after.items.data[0]!.price.id).toBe('price_pro');
    expect(after.latest_invoice).toBe(sub.latest_invoice);
    expect(ctx.sim.events.length).toBe(before);
  });

  it('pending_if_incomplete: keeps the old items in place until the invoice is paid', async () => {
    const { sub, item } = await midPeriod('price_pro', 'pm_card_authenticationRequired');
    const pending = await ctx.stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, price: 'price_team' }],
      proration_behavior: 'always_invoice',
      payment_behavior: 'pending_if_incomplete',
    });
    expect(pending.status).toBe('active');
    expect(pending.items.data[0]!.price.id).toBe('price_pro');
    expect(pending.pending_update?.subscription_items?.[0]?.price.id).toBe('price_team');
    const pi = await invoicePaymentIntent(ctx.stripe, pending.latest_invoice as string);
    ctx.sim.authenticate(pi.id, 'succeed');
    const applied = await ctx.stripe.subscriptions.retrieve(sub.id);
    expect(applied.items.data[0]!.price.id).toBe('price_team');
    expect(applied.pending_update).toBeNull();
  });

  it('default_incomplete: finalises the invoice without charging it and awaits confirmation', async () => {
    const { sub, item } = await midPeriod();
    const updated = await ctx.stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, price: 'price_team' }],
      proration_behavior: 'always_invoice',
      payment_behavior: 'default_incomplete',
      expand: ['latest_invoice'],
    });
    expect(updated.status).toBe('past_due');
    const pi = await invoicePaymentIntent(ctx.stripe, (updated.latest_invoice as Stripe.Invoice).id);
    expect(pi.status).toBe('requires_payment_method');
  });

  it('refuses unknown item ids, unknown item keys and a second item with the same price', async () => {
    const { sub, item } = await midPeriod();
    const missing = await rejection(
      ctx.stripe.subscriptions.update(sub.id, { items: [{ id: 'si_nope', quantity: 2 }] }),
    );
    expect(missing).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'items[0][id]' });
    const unknown = await rejection(
      ctx.stripe.subscriptions.update(sub.id, { items: [{ id: item.id, quantiti: 2 } as never] }),
    );
    expect(unknown).toMatchObject({ code: 'parameter_unknown', param: 'items[0][quantiti]' });
    const duplicate = await rejection(
      ctx.stripe.subscriptions.update(sub.id, { items: [{ price: 'price_pro' }] }),
    );
    expect(duplicate.statusCode).toBe(400);
    const outside = await rejection(
      ctx.stripe.subscriptions.update(sub.id, {
        items: [{ id: item.id, price: 'price_team' }],
        proration_date: END + 1,
      }),
    );
    expect(outside.param).toBe('proration_date');
  });
});
