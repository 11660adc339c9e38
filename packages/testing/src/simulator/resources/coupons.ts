import type Stripe from 'stripe';
import { BILLING_ACCEPTS } from '../billing-params';
import type { Engine } from '../engine';
import { invalidRequest, missingParam } from '../errors';
import type { FormValue } from '../form';
import { newId, randomToken } from '../ids';
import { paginate, withExpand } from '../list';
import { applyMetadata, bool, int, obj, oneOf, str } from '../params';
import type { Route } from '../route';

export type SimCoupon = Omit<Stripe.Coupon, 'applies_to' | 'currency_options' | 'deleted'>;
export type SimPromotionCode = Stripe.PromotionCode;
export type SimDiscount = Omit<Stripe.Discount, 'deleted'>;

function createCoupon(engine: Engine, params: Record<string, FormValue>): SimCoupon {
  const percentOff = str(params, 'percent_off');
  const amountOff = int(params, 'amount_off');
  if ((percentOff === undefined) === (amountOff === undefined)) {
    throw invalidRequest('You must pass exactly one of percent_off or amount_off.', 'percent_off');
  }
  const percent = percentOff === undefined ? null : Number(percentOff);
  if (percent !== null && !(percent > 0 && percent <= 100)) {
    throw invalidRequest('Invalid percent_off: must be greater than 0 and at most 100.', 'percent_off');
  }
  const currency = str(params, 'currency')?.toLowerCase() ?? null;
  if (amountOff !== undefined && !currency) throw missingParam('currency');
  const duration = oneOf(params, 'duration', ['forever', 'once', 'repeating']) ?? 'once';
  const months = int(params, 'duration_in_months') ?? null;
  if (duration === 'repeating' && !months) throw missingParam('duration_in_months');
  const id = str(params, 'id') ?? randomToken(8);
  if (engine.objects.has(id)) throw invalidRequest('Coupon already exists.', 'id', 'resource_already_exists');
  return engine.put<SimCoupon>({
    id,
    object: 'coupon',
    amount_off: amountOff ?? null,
    created: engine.now(),
    currency,
    duration,
    duration_in_months: duration === 'repeating' ? months : null,
    livemode: false,
    max_redemptions: int(params, 'max_redemptions') ?? null,
    metadata: applyMetadata({}, params),
    name: str(params, 'name') ?? null,
    percent_off: percent,
    redeem_by: int(params, 'redeem_by') ?? null,
    times_redeemed: 0,
    valid: true,
  });
}

function createPromotionCode(engine: Engine, params: Record<string, FormValue>): SimPromotionCode {
  const promotion = obj(params, 'promotion');
  if (!promotion) throw missingParam('promotion');
  const coupon = engine.get<SimCoupon>(
    'coupon',
    str(promotion, 'coupon', true),
    'coupon',
    'promotion[coupon]',
  );
  const code = str(params, 'code') ?? randomToken(8).toUpperCase();
  const taken = engine.all<SimPromotionCode>('promotion_code', (p) => p.active && p.code === code);
  if (taken.length) throw invalidRequest('A promotion code with this code already exists.', 'code');
  const restrictions = obj(params, 'restrictions') ?? {};
  return engine.put<SimPromotionCode>({
    id: newId('promo'),
    object: 'promotion_code',
    active: bool(params, 'active') ?? true,
    code,
    created: engine.now(),
    customer: str(params, 'customer') ?? null,
    customer_account: null,
    expires_at: int(params, 'expires_at') ?? null,
    livemode: false,
    max_redemptions: int(params, 'max_redemptions') ?? null,
    metadata: applyMetadata({}, params),
    promotion: { coupon: coupon.id, type: 'coupon' },
    restrictions: {
      first_time_transaction: bool(restrictions, 'first_time_transaction') ?? false,
      minimum_amount: int(restrictions, 'minimum_amount') ?? null,
      minimum_amount_currency: str(restrictions, 'minimum_amount_currency') ?? null,
    },
    times_redeemed: 0,
  });
}

/** Where a discount is applied, for the Discount object's back references. */
export interface DiscountTarget {
  customer: string;
  subscription?: string;
  checkoutSession?: string;
  currency: string;
}

/** A `discounts[]` entry resolved to its coupon (and the promotion code it came through). */
export interface Redeemable {
  coupon: SimCoupon;
  promo: SimPromotionCode | null;
}

/**
 * Resolves a `discounts: [{ coupon } | { promotion_code }]` param, checking what Stripe checks without redeeming
 * anything: the coupon is valid and unexpired, in the right currency; the promotion code active, unexpired, for
 * this customer and under its redemption limits. `param` names the field in errors.
 */
export function redeemable(
  engine: Engine,
  value: FormValue | undefined,
  target: DiscountTarget,
  param = 'discounts',
): Redeemable[] {
  if (value === undefined || value === '') return [];
  if (!Array.isArray(value)) throw invalidRequest(`Invalid array: ${param}`, param);
  const now = engine.now();
  return value.map((entry, i) => {
    const at = `${param}[${i}]`;
    if (typeof entry !== 'object' || Array.isArray(entry)) throw invalidRequest(`Invalid ${at}`, at);
    const promoId = str(entry, 'promotion_code');
    const promo = promoId
      ? engine.get<SimPromotionCode>('promotion_code', promoId, 'promotion code', `${at}[promotion_code]`)
      : null;
    if (promo) {
      const expired = promo.expires_at !== null && promo.expires_at <= now;
      const used = promo.max_redemptions !== null && promo.times_redeemed >= promo.max_redemptions;
      const otherCustomer = promo.customer !== null && promo.customer !== target.customer;
      if (!promo.active || expired || used || otherCustomer) {
        throw invalidRequest(`This promotion code cannot be redeemed.`, `${at}[promotion_code]`);
      }
    }
    const couponId = promo ? (promo.promotion.coupon as string) : str(entry, 'coupon', true);
    const coupon = engine.get<SimCoupon>('coupon', couponId, 'coupon', `${at}[coupon]`);
    const exhausted = coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions;
    if (!coupon.valid || exhausted || (coupon.redeem_by !== null && coupon.redeem_by <= now)) {
      throw invalidRequest(`Coupon ${coupon.id} is no longer valid.`, `${at}[coupon]`);
    }
    if (coupon.amount_off !== null && coupon.currency !== target.currency) {
      throw invalidRequest(`Coupon ${coupon.id} is in ${coupon.currency}, not ${target.currency}.`, at);
    }
    return { coupon, promo };
  });
}

/** Redeems a `discounts[]` param: checks it (see `redeemable`), counts the redemptions, creates the Discounts. */
export function redeemDiscounts(
  engine: Engine,
  value: FormValue | undefined,
  target: DiscountTarget,
  param = 'discounts',
): SimDiscount[] {
  const now = engine.now();
  return redeemable(engine, value, target, param).map(({ coupon, promo }) => {
    coupon.times_redeemed += 1;
    if (promo) promo.times_redeemed += 1;
    return engine.put<SimDiscount>({
      id: newId('di'),
      object: 'discount',
      checkout_session: target.checkoutSession ?? null,
      customer: target.customer,
      customer_account: null,
      end: coupon.duration === 'repeating' ? addMonths(now, coupon.duration_in_months ?? 0) : null,
      invoice: null,
      invoice_item: null,
      promotion_code: promo?.id ?? null,
      source: { coupon: structuredClone(coupon) as unknown as Stripe.Coupon, type: 'coupon' },
      start: now,
      subscription: target.subscription ?? null,
      subscription_item: null,
    });
  });
}

function addMonths(time: number, months: number): number {
  const date = new Date(time * 1000);
  date.setUTCMonth(date.getUTCMonth() + months);
  return Math.floor(date.getTime() / 1000);
}

/** A line's share of each discount, as Stripe splits it: percentages per line, fixed amounts pro rata. */
export interface LineDiscount {
  discount: string;
  amount: number;
}

/**
 * What each coupon takes off each line. Coupons apply one after another to what is left; `amount_off` is spread
 * over the positive lines in proportion (the remainder on the last) and never exceeds them.
 */
export function splitDiscounts(coupons: readonly SimCoupon[], amounts: readonly number[]): number[][] {
  const left = [...amounts];
  const out: number[][] = amounts.map(() => []);
  for (const coupon of coupons) {
    let shares: number[];
    if (coupon.percent_off !== null) {
      shares = left.map((amount) => Math.round((amount * coupon.percent_off!) / 100));
    } else {
      const positive = left.reduce((sum, amount) => sum + Math.max(amount, 0), 0);
      const total = Math.min(coupon.amount_off ?? 0, positive);
      let given = 0;
      const lastPositive = left.findLastIndex((amount) => amount > 0);
      shares = left.map((amount, i) => {
        if (amount <= 0) return 0;
        const share = i === lastPositive ? total - given : Math.floor((total * amount) / positive);
        given += share;
        return share;
      });
    }
    shares.forEach((share, i) => {
      left[i]! -= share;
      out[i]!.push(share);
    });
  }
  return out;
}

/** What each stored discount takes off each line (see `splitDiscounts`). */
export function discountLines(
  engine: Engine,
  discountIds: readonly string[],
  amounts: readonly number[],
): LineDiscount[][] {
  const found = discountIds
    .map((id) => engine.find<SimDiscount>('discount', id))
    .filter((discount): discount is SimDiscount => !!discount);
  const shares = splitDiscounts(
    found.map((discount) => discount.source.coupon as SimCoupon),
    amounts,
  );
  return shares.map((line) => line.map((amount, i) => ({ discount: found[i]!.id, amount })));
}

/**
 * The discounts that still apply to an invoice starting at `periodStart`; a `once` discount that has been used
 * and a `repeating` one past its end are removed from the subscription, as Stripe does.
 */
export function activeDiscounts(engine: Engine, ids: readonly string[], periodStart: number): string[] {
  return ids.filter((id) => {
    const discount = engine.find<SimDiscount>('discount', id);
    if (!discount) return false;
    return discount.end === null || periodStart < discount.end;
  });
}

/** Ends `once` discounts after their invoice; returns the ids that stay on the subscription. */
export function afterInvoiced(engine: Engine, ids: readonly string[]): string[] {
  return ids.filter((id) => {
    const discount = engine.find<SimDiscount>('discount', id);
    const coupon = discount?.source.coupon as SimCoupon | undefined;
    if (!discount || coupon?.duration !== 'once') return true;
    discount.end = engine.now();
    return false;
  });
}

export const couponRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/coupons',
    accepts: BILLING_ACCEPTS.couponCreate,
    handler: ({ engine, params }) => withExpand(engine, createCoupon(engine, params), params),
  },
  {
    method: 'GET',
    path: '/v1/coupons/:id',
    accepts: BILLING_ACCEPTS.couponRetrieve,
    handler: ({ engine, params, path }) =>
      withExpand(engine, engine.get<SimCoupon>('coupon', path.id, 'coupon'), params),
  },
  {
    method: 'DELETE',
    path: '/v1/coupons/:id',
    accepts: BILLING_ACCEPTS.couponDelete,
    handler: ({ engine, path }) => {
      const coupon = engine.get<SimCoupon>('coupon', path.id, 'coupon');
      // Existing discounts keep working; the coupon can no longer be redeemed.
      engine.delete(coupon.id);
      return { id: coupon.id, object: 'coupon', deleted: true };
    },
  },
  {
    method: 'GET',
    path: '/v1/coupons',
    accepts: BILLING_ACCEPTS.couponList,
    handler: ({ engine, params }) => paginate(engine, engine.all<SimCoupon>('coupon'), params, '/v1/coupons'),
  },
  {
    method: 'POST',
    path: '/v1/promotion_codes',
    accepts: BILLING_ACCEPTS.promotionCodeCreate,
    handler: ({ engine, params }) => withExpand(engine, createPromotionCode(engine, params), params),
  },
  {
    method: 'GET',
    path: '/v1/promotion_codes/:id',
    accepts: BILLING_ACCEPTS.promotionCodeRetrieve,
    handler: ({ engine, params, path }) =>
      withExpand(engine, engine.get<SimPromotionCode>('promotion_code', path.id, 'promotion code'), params),
  },
  {
    method: 'POST',
    path: '/v1/promotion_codes/:id',
    accepts: BILLING_ACCEPTS.promotionCodeUpdate,
    handler: ({ engine, params, path }) => {
      const promo = engine.get<SimPromotionCode>('promotion_code', path.id, 'promotion code');
      const active = bool(params, 'active');
      if (active !== undefined) promo.active = active;
      if (params.metadata !== undefined) promo.metadata = applyMetadata(promo.metadata ?? {}, params);
      return withExpand(engine, promo, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/promotion_codes',
    accepts: BILLING_ACCEPTS.promotionCodeList,
    handler: ({ engine, params }) => {
      const active = bool(params, 'active');
      const code = str(params, 'code');
      const coupon = str(params, 'coupon');
      const customer = str(params, 'customer');
      const items = engine.all<SimPromotionCode>(
        'promotion_code',
        (p) =>
          (active === undefined || p.active === active) &&
          (!code || p.code.toLowerCase() === code.toLowerCase()) &&
          (!coupon || p.promotion.coupon === coupon) &&
          (!customer || p.customer === customer),
      );
      return paginate(engine, items, params, '/v1/promotion_codes');
    },
  },
];
