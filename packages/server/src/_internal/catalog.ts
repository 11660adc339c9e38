import { type CatalogPrice, TollboothError } from '@tollbooth/core';
import type { PricedOrder } from '../types';
import type { Runtime } from './runtime';
import { isMissing } from './stripe-errors';

/** What Tollbooth keeps of a Stripe price (cached in the store). */
export interface CachedPrice {
  id: string;
  active: boolean;
  currency: string;
  unitAmount: number | null;
  interval: 'day' | 'week' | 'month' | 'year' | null;
  /** Intervals per billing period (`3` with `month`: quarterly); absent in entries cached before it was kept. */
  intervalCount?: number;
  product: { name: string; description: string | null };
}

/** Loads a catalog price from the cache, or from Stripe (expanding its product) and caches it. */
export async function loadPrice(rt: Runtime, priceId: string): Promise<CachedPrice> {
  const cacheKey = `price:${priceId}`;
  const cached = await rt.store.get(cacheKey);
  if (cached !== null) {
    const parsed = parsedPrices(rt).get(cacheKey);
    if (parsed?.raw === cached) return parsed.price;
    try {
      const price = deepFreeze(JSON.parse(cached) as CachedPrice);
      parsedPrices(rt).set(cacheKey, { raw: cached, price });
      return price;
    } catch {
      // A damaged cache entry is refetched.
    }
  }
  let price: Awaited<ReturnType<Runtime['stripe']['prices']['retrieve']>>;
  try {
    price = await rt.stripe.prices.retrieve(priceId, { expand: ['product'] });
  } catch (error) {
    if (!isMissing(error)) throw error;
    // A catalog id Stripe does not know (a test id in live mode, a deleted price) is a misconfiguration: the
    // operator hears about it, buyers see the price as unavailable rather than the whole route failing.
    rt.logger.error('tollbooth: a catalog price does not exist in Stripe', { priceId });
    const missing: CachedPrice = {
      id: priceId,
      active: false,
      currency: '',
      unitAmount: null,
      interval: null,
      product: { name: '', description: null },
    };
    // Cached as missing like any price, so an anonymous GET /catalog cannot make Stripe answer the same 404 on
    // every request (and the operator's log gets one line per cache period, not one per visitor).
    await rt.store.set(cacheKey, JSON.stringify(missing), { ttlSeconds: rt.priceCacheSeconds });
    return missing;
  }
  const product = typeof price.product === 'object' && price.product !== null ? price.product : null;
  const value: CachedPrice = {
    id: price.id,
    active: price.active && !(product && 'deleted' in product && product.deleted),
    currency: price.currency,
    unitAmount: price.unit_amount,
    interval: (price.recurring?.interval as CachedPrice['interval']) ?? null,
    intervalCount: price.recurring?.interval_count ?? 1,
    product: {
      name: product && 'name' in product ? product.name : '',
      description: product && 'description' in product ? (product.description ?? null) : null,
    },
  };
  await rt.store.set(cacheKey, JSON.stringify(value), { ttlSeconds: rt.priceCacheSeconds });
  return value;
}

/**
 * The store stays the truth (its TTL, another instance refreshing it); only the JSON.parse of an unchanged entry
 * is saved, keyed by the exact stored string. One entry per catalog price, so this stays as small as the catalog.
 */
const PARSED = new WeakMap<Runtime, Map<string, { raw: string; price: CachedPrice }>>();

function parsedPrices(rt: Runtime): Map<string, { raw: string; price: CachedPrice }> {
  let map = PARSED.get(rt);
  if (!map) {
    map = new Map();
    PARSED.set(rt, map);
  }
  return map;
}

// A shared parsed price is handed to every request: frozen, so no caller can change another's view of it.
function deepFreeze(price: CachedPrice): CachedPrice {
  Object.freeze(price.product);
  return Object.freeze(price);
}

/** The whole catalog in wire form, in catalog order; inactive prices are left out. */
export async function readCatalog(rt: Runtime): Promise<CatalogPrice[]> {
  const out: CatalogPrice[] = [];
  for (const [key, id] of rt.prices) {
    const p = await loadPrice(rt, id);
    if (!p.active || p.unitAmount === null) continue;
    out.push({
      id: key,
      product: p.product,
      unitAmount: p.unitAmount,
      currency: p.currency,
      recurring: p.interval ? { interval: p.interval } : null,
    });
  }
  return out;
}

/**
 * Prices the items the client named. Amounts and currency come from Stripe's price objects only; a key
 * outside the catalog, an inactive or amount-less price, or mixed currencies is a 400.
 */
export async function priceOrder(
  rt: Runtime,
  items: ReadonlyArray<{ price: string; quantity: number }>,
): Promise<PricedOrder> {
  const seen = new Set<string>();
  for (const item of items) {
    if (!rt.prices.has(item.price)) {
      throw new TollboothError('invalid_request', `"${item.price}" is not in the catalog.`);
    }
    if (seen.has(item.price)) throw new TollboothError('invalid_request', `"${item.price}" is listed twice.`);
    seen.add(item.price);
  }
  const lines: PricedOrder['items'] = [];
  let currency: string | null = null;
  let amount = 0;
  for (const item of items) {
    const id = rt.prices.get(item.price) as string;
    const p = await loadPrice(rt, id);
    if (!p.active || p.unitAmount === null) {
      throw new TollboothError('invalid_request', `"${item.price}" is not available.`);
    }
    if (currency !== null && p.currency !== currency) {
      throw new TollboothError('invalid_request', 'All items must be in one currency.');
    }
    currency = p.currency;
    amount += p.unitAmount * item.quantity;
    lines.push({
      key: item.price,
      price: id,
      quantity: item.quantity,
      unitAmount: p.unitAmount,
      recurring: p.interval !== null,
    });
  }
  if (!Number.isSafeInteger(amount) || amount > 99_999_999) {
    throw new TollboothError('invalid_request', 'The order total is too large.');
  }
  return { items: lines, amount, currency: currency as string };
}
