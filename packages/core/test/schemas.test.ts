import { describe, expect, it } from 'vitest';
import {
  ACTION_ID_SCHEMAS,
  checkoutCreateSchema,
  paymentIntentCreateSchema,
  refundCreateSchema,
  setupIntentCreateSchema,
} from '../src/schemas';

const item = { price: 'pro', quantity: 1 };

describe('request schemas', () => {
  it('accept the bodies the route table names', () => {
    expect(
      checkoutCreateSchema.safeParse({ items: [item], mode: 'subscription', uiMode: 'embedded' }).success,
    ).toBe(true);
    expect(paymentIntentCreateSchema.safeParse({ items: [item], savePaymentMethod: true }).success).toBe(
      true,
    );
    expect(setupIntentCreateSchema.safeParse({}).success).toBe(true);
    expect(
      refundCreateSchema.safeParse({ paymentIntent: 'pi_123', amount: 500, reason: 'duplicate' }).success,
    ).toBe(true);
  });

  it.each([
    ['zero', 0],
    ['negative', -1],
    ['fraction', 1.5],
    ['string', '2'],
    ['over the limit', 100],
    ['huge', 1e308],
  ])('reject a %s quantity', (_, quantity) => {
    expect(paymentIntentCreateSchema.safeParse({ items: [{ price: 'pro', quantity }] }).success).toBe(false);
  });

  it.each([
    ['a client amount', { items: [item], amount: 1 }],
    ['a client currency', { items: [item], currency: 'usd' }],
    ['a customer id', { items: [item], customer: 'cus_other' }],
    ['an amount inside an item', { items: [{ ...item, amount: 1 }] }],
    ['no items', { items: [] }],
    ['a top-level array', [item]],
    ['a prototype key', JSON.parse('{"items":[{"price":"pro","quantity":1}],"__proto__":{"admin":true}}')],
  ])('reject %s', (_, body) => {
    expect(paymentIntentCreateSchema.safeParse(body).success).toBe(false);
  });

  it('accepts only ids of the right shape in paths', () => {
    const pm = ACTION_ID_SCHEMAS['paymentMethods.detach'];
    expect(pm.safeParse('pm_1QabcDEF').success).toBe(true);
    for (const bad of ['sub_1', 'pm_', 'pm_../../x', 'pm_1 2', 'pm_1%00', ''])
      expect(pm.safeParse(bad).success).toBe(false);
    expect(ACTION_ID_SCHEMAS['checkout.read'].safeParse('cs_test_a1B2').success).toBe(true);
  });

  it('rejects a refund of another object type or a zero amount', () => {
    expect(refundCreateSchema.safeParse({ paymentIntent: 'ch_1' }).success).toBe(false);
    expect(refundCreateSchema.safeParse({ paymentIntent: 'pi_1', amount: 0 }).success).toBe(false);
  });
});
