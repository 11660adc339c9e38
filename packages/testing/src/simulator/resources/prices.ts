import type Stripe from 'stripe';
import type { Engine } from '../engine';
import { invalidRequest } from '../errors';
import { newId } from '../ids';
import { PAGE_PARAMS, paginate, withExpand } from '../list';
import { applyMetadata, arr, bool, int, obj, oneOf, str } from '../params';
import type { Route } from '../route';
import type { SimPrice } from '../types';

/** A price as configured in `createStripeSimulator({ prices })`. */
export interface PriceSeed {
  id: string;
  /** The product id (created with the price's id as name when not configured). */
  product: string;
  unit_amount: number;
  currency: string;
  recurring?: { interval: 'day' | 'week' | 'month' | 'year'; interval_count?: number };
  /** @default true */
  active?: boolean;
  nickname?: string;
  lookup_key?: string;
  metadata?: Record<string, string>;
}

/**
 * A decimal as Stripe sends it: a string. stripe-node 23 types such fields as its branded `Decimal` but passes the
 * string through unchanged, so this is the one place the wire form and the SDK's type part.
 */
export function wireDecimal(value: number): Stripe.Decimal {
  return String(value) as unknown as Stripe.Decimal;
}

export function createPrice(engine: Engine, seed: PriceSeed): SimPrice {
  const recurring: Stripe.Price.Recurring | null = seed.recurring
    ? {
        interval: seed.recurring.interval,
        interval_count: seed.recurring.interval_count ?? 1,
        meter: null,
        trial_period_days: null,
        usage_type: 'licensed',
      }
    : null;
  const price = engine.put<SimPrice>({
    id: seed.id,
    object: 'price',
    active: seed.active ?? true,
    billing_scheme: 'per_unit',
    created: engine.now(),
    currency: seed.currency.toLowerCase(),
    custom_unit_amount: null,
    livemode: false,
    lookup_key: seed.lookup_key ?? null,
    metadata: seed.metadata ?? {},
    nickname: seed.nickname ?? null,
    product: seed.product,
    recurring,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: seed.unit_amount,
    unit_amount_decimal: wireDecimal(seed.unit_amount),
  });
  const product = engine.find('product', seed.product);
  if (product && !product.default_price) product.default_price = price.id;
  return price;
}

export const priceRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/prices',
    implements: [
      'product',
      'currency',
      'recurring',
      'unit_amount',
      'active',
      'nickname',
      'lookup_key',
      'metadata',
    ],
    handler: ({ engine, params }) => {
      const product = str(params, 'product', true)!;
      engine.get('product', product, 'product');
      const currency = str(params, 'currency', true)!;
      const recurring = obj(params, 'recurring');
      const interval = recurring ? oneOf(recurring, 'interval', ['day', 'week', 'month', 'year']) : undefined;
      const unitAmount = int(params, 'unit_amount', true)!;
      if (unitAmount < 0) throw invalidRequest('Invalid unit_amount', 'unit_amount');
      return createPrice(engine, {
        id: newId('price'),
        product,
        currency,
        unit_amount: unitAmount,
        recurring: interval
          ? { interval, interval_count: recurring ? int(recurring, 'interval_count') : undefined }
          : undefined,
        active: bool(params, 'active'),
        nickname: str(params, 'nickname'),
        lookup_key: str(params, 'lookup_key'),
        metadata: applyMetadata({}, params),
      });
    },
  },
  {
    method: 'GET',
    path: '/v1/prices/:id',
    implements: [],
    handler: ({ engine, params, path }) => withExpand(engine, engine.get('price', path.id), params),
  },
  {
    method: 'POST',
    path: '/v1/prices/:id',
    implements: ['active', 'nickname', 'metadata'],
    handler: ({ engine, params, path }) => {
      const price = engine.get('price', path.id);
      const previous = structuredClone(price);
      price.active = bool(params, 'active') ?? price.active;
      if (params.nickname !== undefined) price.nickname = str(params, 'nickname') ?? null;
      price.metadata = applyMetadata(price.metadata, params);
      engine.emit('price.updated', price, previous);
      return withExpand(engine, price, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/prices',
    implements: ['active', 'product', 'type', 'currency', 'lookup_keys', ...PAGE_PARAMS],
    handler: ({ engine, params }) => {
      const active = bool(params, 'active');
      const product = str(params, 'product');
      const type = str(params, 'type');
      const currency = str(params, 'currency');
      const lookupKeys = arr(params, 'lookup_keys')?.filter((key): key is string => typeof key === 'string');
      const items = engine.all(
        'price',
        (p) =>
          (active === undefined || p.active === active) &&
          (!product || p.product === product) &&
          (!type || p.type === type) &&
          (!currency || p.currency === currency) &&
          (!lookupKeys || (p.lookup_key !== null && lookupKeys.includes(p.lookup_key))),
      );
      return paginate(engine, items, params, '/v1/prices');
    },
  },
];
