import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from '../helpers';
import { BILLING_PRICES, BILLING_PRODUCTS, clockCustomer } from './clock-helpers';

const ctx = useSimulator({
  prices: [
    ...BILLING_PRICES,
    {
      id: 'price_eur_m',
      product: 'prod_pro',
      unit_amount: 900,
      currency: 'eur',
      recurring: { interval: 'month' },
    },
  ],
  products: BILLING_PRODUCTS,
});

describe('billing requests Stripe refuses', () => {
  it('answers 400 with the offending param, and changes nothing', async () => {
    const { customer } = await clockCustomer(ctx.stripe);
    const sub = await ctx.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_pro' }],
    });
    // Thunks, so each request starts only when its turn comes (no rejection goes unhandled meanwhile).
    const cases: Array<[() => Promise<unknown>, string | undefined, string?]> = [
      [() => ctx.stripe.testHelpers.testClocks.create({} as never), 'frozen_time', 'parameter_missing'],
      [() => ctx.stripe.customers.create({ test_clock: 'clock_nope' }), 'test_clock', 'resource_missing'],
      [() => ctx.stripe.invoices.createPreview({}), 'customer', 'parameter_missing'],
      [
        () => ctx.stripe.invoices.createPreview({ subscription: 'sub_nope' }),
        'subscription',
        'resource_missing',
      ],
      [
        () =>
          ctx.stripe.subscriptions.update(sub.id, {
            items: [{ id: sub.items.data[0]!.id, price: 'price_eur_m' }],
          }),
        'items[0][price]',
      ],
      [
        () => ctx.stripe.subscriptions.update(sub.id, { proration_behavior: 'sometimes' as never }),
        'proration_behavior',
      ],
      [
        () =>
          ctx.stripe.subscriptions.create({
            customer: customer.id,
            items: [{ price: 'price_pro' }],
            discounts: [{ coupon: 'NOPE' }],
          }),
        'discounts[0][coupon]',
        'resource_missing',
      ],
      [
        () => ctx.stripe.subscriptionSchedules.create({ from_subscription: 'sub_nope' }),
        'from_subscription',
        'resource_missing',
      ],
      [
        () => ctx.stripe.subscriptionSchedules.create({ customer: customer.id }),
        'phases',
        'parameter_missing',
      ],
      [
        () => ctx.stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: 'NOPE' } }),
        'promotion[coupon]',
        'resource_missing',
      ],
      [() => ctx.stripe.coupons.create({ percent_off: 150 }), 'percent_off'],
      [
        () => ctx.stripe.coupons.create({ percent_off: 10, duration: 'repeating' }),
        'duration_in_months',
        'parameter_missing',
      ],
    ];
    const before = JSON.stringify(await ctx.stripe.subscriptions.retrieve(sub.id));
    for (const [request, param, code] of cases) {
      const error = await rejection(request());
      expect(error.statusCode, String(param)).toBeGreaterThanOrEqual(400);
      expect(error.statusCode, String(param)).toBeLessThan(500);
      expect(error.param).toBe(param);
      if (code) expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(10);
    }
    expect(JSON.stringify(await ctx.stripe.subscriptions.retrieve(sub.id))).toBe(before);
  });
});
