import type { Engine } from '../engine';
import { invalidRequest } from '../errors';
import type { FormParams, FormValue } from '../form';
import { bool, int } from '../params';
import type { SimLineItem } from '../types';
import { redeemable, type SimPromotionCode, splitDiscounts } from './coupons';
import { missingPaymentMethodParam, type NewSubscription, trialEndParam } from './subscriptions';

// Coupons, promotion codes and trials on Checkout: checked when the session is created, redeemed when it is paid.

/**
 * Checks `discounts` (exclusive with `allow_promotion_codes`, as on Stripe) and takes them off the line items'
 * `amount_discount` / `amount_total`.
 */
export function discountLineItems(
  engine: Engine,
  params: FormParams,
  lineItems: SimLineItem[],
  customer: string | undefined,
): void {
  if (params.discounts === undefined) return;
  if (bool(params, 'allow_promotion_codes')) {
    throw invalidRequest(
      'You may only specify one of these parameters: allow_promotion_codes, discounts.',
      'discounts',
    );
  }
  applyTo(engine, params.discounts, lineItems, customer ?? '');
}

function applyTo(engine: Engine, value: FormValue, lineItems: SimLineItem[], customer: string): void {
  const currency = lineItems[0]?.currency ?? 'usd';
  const coupons = redeemable(engine, value, { customer, currency }).map((entry) => entry.coupon);
  const shares = splitDiscounts(
    coupons,
    lineItems.map((item) => item.amount_subtotal),
  );
  lineItems.forEach((item, i) => {
    item.amount_discount = shares[i]!.reduce((sum, share) => sum + share, 0);
    item.amount_total = item.amount_subtotal - item.amount_discount;
  });
}

/**
 * The discounts a paid session redeems: the ones it was created with, or the promotion code the customer typed
 * on the hosted page (only where `allow_promotion_codes` is on). Re-prices the line items for a typed code.
 */
export function checkoutDiscounts(
  engine: Engine,
  created: FormParams,
  lineItems: SimLineItem[],
  typedCode: string | undefined,
  customer: string,
): FormValue | undefined {
  if (typedCode === undefined) return created.discounts;
  if (!bool(created, 'allow_promotion_codes')) {
    throw invalidRequest('This Checkout Session does not accept promotion codes.', 'promotion_code');
  }
  const promo = engine
    .all<SimPromotionCode>(
      'promotion_code',
      (p) => p.active && p.code.toLowerCase() === typedCode.toLowerCase(),
    )
    .at(0);
  if (!promo) throw invalidRequest('This code is invalid.', 'promotion_code', 'promotion_code_invalid');
  const discounts = [{ promotion_code: promo.id }];
  applyTo(engine, discounts, lineItems, customer);
  return discounts;
}

/** The trial a Checkout subscription starts with, from `subscription_data`. */
export function checkoutTrial(subscriptionData: FormParams): Partial<NewSubscription> {
  const days = int(subscriptionData, 'trial_period_days');
  const end = trialEndParam(subscriptionData);
  if (days !== undefined && end !== undefined) {
    throw invalidRequest(
      'You may only specify one of these parameters: trial_end, trial_period_days.',
      'subscription_data[trial_end]',
    );
  }
  const missing = missingPaymentMethodParam(subscriptionData);
  return {
    ...(days !== undefined ? { trialDays: days } : {}),
    ...(end !== undefined ? { trialEnd: end } : {}),
    ...(missing ? { missingPaymentMethod: missing } : {}),
  };
}
