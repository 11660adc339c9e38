import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from '../helpers';
import {
  advance,
  BILLING_PRICES,
  BILLING_PRODUCTS,
  clockCustomer,
  monthsLater,
  START,
} from './clock-helpers';

const ctx = useSimulator({ prices: BILLING_PRICES, products: BILLING_PRODUCTS });

async function paidAmounts(subscriptionId: string): Promise<number[]> {
  return (await ctx.stripe.invoices.list({ subscription: subscriptionId })).data
    .reverse()
    .map((i) => i.amount_paid);
}

async function subscribeWith(discounts: Stripe.SubscriptionCreateParams.Discount[], months = 0) {
  const { clock, customer } = await clockCustomer(ctx.stripe);
  const sub = await ctx.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: 'price_pro' }],
    discounts,
  });
  for (let m = 1; m <= months; m++) await advance(ctx.stripe, clock.id, monthsLater(START, m) + 2 * 3600);
  return sub;
}

const checkoutParams = {
  mode: 'subscription' as const,
  line_items: [{ price: 'price_pro', quantity: 1 }],
  success_url: 'https://app.test/ok',
  cancel_url: 'https://app.test/cancel',
};

describe('coupons and promotion codes', () => {
  it('creates, retrieves, lists and deletes coupons; refuses a coupon that is both percent and amount', async () => {
    const coupon = await ctx.stripe.coupons.create({ id: 'LAUNCH', percent_off: 25, duration: 'forever' });
    expect(coupon).toMatchObject({
      id: 'LAUNCH',
      object: 'coupon',
      percent_off: 25,
      valid: true,
      times_redeemed: 0,
    });
    expect((await ctx.stripe.coupons.retrieve('LAUNCH')).duration).toBe('forever');
    expect((await ctx.stripe.coupons.list()).data.map((c) => c.id)).toEqual(['LAUNCH']);
    const both = await rejection(
      ctx.stripe.coupons.create({ percent_off: 10, amount_off: 100, currency: 'usd' }),
    );
    expect(both.statusCode).toBe(400);
    const noCurrency = await rejection(ctx.stripe.coupons.create({ amount_off: 100 }));
    expect(noCurrency.param).toBe('currency');
    expect(await ctx.stripe.coupons.del('LAUNCH')).toMatchObject({ deleted: true });
  });

  it('a forever promotion code discounts every invoice and counts its redemptions', async () => {
    const coupon = await ctx.stripe.coupons.create({ percent_off: 25, duration: 'forever' });
    const promo = await ctx.stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      code: 'SAVE25',
    });
    expect(promo.promotion.coupon).toBe(coupon.id);
    expect((await ctx.stripe.promotionCodes.list({ code: 'save25' })).data.map((p) => p.id)).toEqual([
      promo.id,
    ]);
    const sub = await subscribeWith([{ promotion_code: promo.id }], 2);
    expect(sub.discounts).toHaveLength(1);
    expect(await paidAmounts(sub.id)).toEqual([3675, 3675, 3675]);
    const first = await ctx.stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(first).toMatchObject({ subtotal: 4900, total: 3675 });
    expect(first.total_discount_amounts).toEqual([{ amount: 1225, discount: sub.discounts[0] }]);
    expect(first.lines.data[0]!.discount_amounts).toEqual([{ amount: 1225, discount: sub.discounts[0] }]);
    expect((await ctx.stripe.promotionCodes.retrieve(promo.id)).times_redeemed).toBe(1);
    expect((await ctx.stripe.coupons.retrieve(coupon.id)).times_redeemed).toBe(1);
  });

  it('once applies to the first invoice, repeating for its months, amount_off in its currency', async () => {
    const once = await ctx.stripe.coupons.create({ amount_off: 1000, currency: 'usd', duration: 'once' });
    const repeating = await ctx.stripe.coupons.create({
      percent_off: 50,
      duration: 'repeating',
      duration_in_months: 2,
    });
    expect(await paidAmounts((await subscribeWith([{ coupon: once.id }], 2)).id)).toEqual([3900, 4900, 4900]);
    expect(await paidAmounts((await subscribeWith([{ coupon: repeating.id }], 3)).id)).toEqual([
      2450, 2450, 4900, 4900,
    ]);
  });

  it('refuses an exhausted or inactive promotion code', async () => {
    const coupon = await ctx.stripe.coupons.create({ percent_off: 10 });
    const promo = await ctx.stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      max_redemptions: 1,
    });
    await subscribeWith([{ promotion_code: promo.id }]);
    const used = await rejection(subscribeWith([{ promotion_code: promo.id }]));
    expect(used.param).toBe('discounts[0][promotion_code]');
    const other = await ctx.stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
    });
    await ctx.stripe.promotionCodes.update(other.id, { active: false });
    expect((await rejection(subscribeWith([{ promotion_code: other.id }]))).statusCode).toBe(400);
  });
});

describe('Checkout with discounts and trials', () => {
  it('applies discounts to the session and its subscription', async () => {
    const coupon = await ctx.stripe.coupons.create({ percent_off: 20, duration: 'forever' });
    const session = await ctx.stripe.checkout.sessions.create({
      ...checkoutParams,
      discounts: [{ coupon: coupon.id }],
    });
    expect(session).toMatchObject({ amount_subtotal: 4900, amount_total: 3920 });
    const done = ctx.sim.completeCheckoutSession(session.id);
    const invoice = await ctx.stripe.invoices.retrieve(done.invoice as string);
    expect(invoice.amount_paid).toBe(3920);
  });

  it('takes a typed promotion code only with allow_promotion_codes', async () => {
    const coupon = await ctx.stripe.coupons.create({ amount_off: 900, currency: 'usd' });
    await ctx.stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      code: 'WELCOME',
    });
    const open = await ctx.stripe.checkout.sessions.create({
      ...checkoutParams,
      allow_promotion_codes: true,
    });
    const done = ctx.sim.completeCheckoutSession(open.id, { promotionCode: 'welcome' });
    expect(done.amount_total).toBe(4000);
    expect((await ctx.stripe.invoices.retrieve(done.invoice as string)).amount_paid).toBe(4000);

    const closed = await ctx.stripe.checkout.sessions.create(checkoutParams);
    expect(() => ctx.sim.completeCheckoutSession(closed.id, { promotionCode: 'WELCOME' })).toThrow(
      /promotion codes/,
    );
    const both = await rejection(
      ctx.stripe.checkout.sessions.create({
        ...checkoutParams,
        allow_promotion_codes: true,
        discounts: [{ coupon: coupon.id }],
      }),
    );
    expect(both.param).toBe('discounts');
  });

  it('starts the subscription_data trial', async () => {
    const session = await ctx.stripe.checkout.sessions.create({
      ...checkoutParams,
      subscription_data: {
        trial_period_days: 7,
        trial_settings: { end_behavior: { missing_payment_method: 'cancel' } },
      },
    });
    const done = ctx.sim.completeCheckoutSession(session.id);
    const sub = await ctx.stripe.subscriptions.retrieve(done.subscription as string);
    expect(sub.status).toBe('trialing');
    expect(sub.trial_end! - sub.trial_start!).toBe(7 * 86_400);
    expect(sub.trial_settings?.end_behavior.missing_payment_method).toBe('cancel');
  });
});
