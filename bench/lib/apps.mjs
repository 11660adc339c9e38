// The two sides of every server figure: Tollbooth's generated handler, and the route a careful developer
// writes by hand for the same job. Both get the same Stripe instance, the same cookie session and the same
// users, so the difference measured is the code in between.
import { createTollbooth, memoryStore, rbac } from '@tollbooth/server';
import { PRICE } from './zero-stripe.mjs';

export const ORIGIN = 'https://shop.example.com';
export const BASE = '/api/tollbooth';
export const WEBHOOK_SECRET = 'whsec_bench';
const SESSIONS = new Map([
  ['s_customer', { id: 'u_1', roles: ['customer'] }],
  ['s_viewer', { id: 'u_2', roles: [] }],
]);

/** The app's own cookie session, shared by both sides: `sid=<token>` → a user, or null. */
export async function readSession(request) {
  const cookie = request.headers.get('cookie') ?? '';
  const match = /(?:^|;\s*)sid=([^;]+)/.exec(cookie);
  return (match && SESSIONS.get(match[1])) ?? null;
}

/**
 * Tollbooth as an app configures it. The rate limit is on (the default guarantee) with a ceiling no bench
 * reaches, so its counting is paid without ever refusing. Other options (basePath, origins…) override.
 */
export function benchTollbooth({ stripe, store = memoryStore(), onEvent = () => {}, ...overrides }) {
  return createTollbooth({
    stripe,
    getUser: readSession,
    authorize: rbac({ anonymous: ['catalog.read'], customer: ['*'] }),
    catalog: { prices: { basic: PRICE.id } },
    origins: [ORIGIN],
    store,
    webhooks: { secret: WEBHOOK_SECRET, on: { 'payment_intent.succeeded': async (e) => onEvent(e) } },
    rateLimit: { 'paymentIntent.create': { limit: 1_000_000_000, windowSeconds: 60 } },
    ...overrides,
  });
}

const json = (body, status = 200) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/**
 * The hand-written peer: what a careful developer writes in a Route Handler for the same three routes and
 * the webhook. Origin check, cookie session, role check, `request.json()`, a price map, a customer per user,
 * `paymentIntents.create` with an idempotency key; webhooks verified, deduplicated, dispatched.
 */
export function handWritten({ stripe, onEvent = () => {}, origin = ORIGIN, basePath = BASE }) {
  const prices = new Map([['basic', PRICE.id]]);
  const priceCache = new Map();
  const customers = new Map();
  const seenEvents = new Set();
  const loadPrice = async (id) => {
    const hit = priceCache.get(id);
    if (hit && hit.at > Date.now() - 300_000) return hit.price;
    const price = await stripe.prices.retrieve(id, { expand: ['product'] });
    priceCache.set(id, { at: Date.now(), price });
    return price;
  };

  async function createPaymentIntent(request) {
    if (request.headers.get('origin') !== origin) return json({ error: 'forbidden' }, 403);
    const user = await readSession(request);
    if (!user) return json({ error: 'unauthenticated' }, 401);
    if (!user.roles.includes('customer')) return json({ error: 'forbidden' }, 403);
    let body;
    try {
      body = await request.json();
    } catch {
      return json({ error: 'invalid json' }, 400);
    }
    const items = Array.isArray(body?.items) ? body.items : [];
    if (items.length === 0) return json({ error: 'no items' }, 400);
    let amount = 0;
    let currency = null;
    for (const item of items) {
      const id = prices.get(item?.price);
      if (!id || !Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > 99)
        return json({ error: 'bad item' }, 400);
      const price = await loadPrice(id);
      amount += price.unit_amount * item.quantity;
      currency = price.currency;
    }
    let customer = customers.get(user.id);
    if (!customer) {
      customer = (await stripe.customers.create({ metadata: { user: user.id } })).id;
      customers.set(user.id, customer);
    }
    const key = request.headers.get('idempotency-key') ?? crypto.randomUUID();
    const intent = await stripe.paymentIntents.create(
      {
        amount,
        currency,
        customer,
        automatic_payment_methods: { enabled: true },
        metadata: { user: user.id },
      },
      { idempotencyKey: `pi:${user.id}:${key}` },
    );
    return json({
      id: intent.id,
      clientSecret: intent.client_secret,
      amount: intent.amount,
      currency: intent.currency,
    });
  }

  async function readCatalog() {
    const out = [];
    for (const [key, id] of prices) {
      const p = await loadPrice(id);
      out.push({
        id: key,
        product: { name: p.product.name },
        unitAmount: p.unit_amount,
        currency: p.currency,
      });
    }
    return json({ prices: out });
  }

  async function webhook(request) {
    const payload = await request.text();
    let event;
    try {
      event = await stripe.webhooks.constructEventAsync(
        payload,
        request.headers.get('stripe-signature') ?? '',
        WEBHOOK_SECRET,
      );
    } catch {
      return json({ error: 'bad signature' }, 400);
    }
    if (event.type === 'payment_intent.succeeded' && !seenEvents.has(event.id)) {
      seenEvents.add(event.id);
      await onEvent(event);
    }
    return json({ received: true });
  }

  return {
    createPaymentIntent,
    readCatalog,
    webhook,
    async handle(request) {
      const path = new URL(request.url).pathname.slice(basePath.length);
      if (request.method === 'POST' && path === '/payment-intents') return createPaymentIntent(request);
      if (request.method === 'GET' && path === '/catalog') return readCatalog(request);
      if (request.method === 'POST' && path === '/webhooks') return webhook(request);
      return json({ error: 'not found' }, 404);
    },
  };
}

/** The requests both sides answer; `i` makes idempotency keys (and, with `rotate`, addresses) unique. */
export const requests = {
  paymentIntent: (i, { cookie = 'sid=s_customer', address } = {}) =>
    new Request(`${ORIGIN}${BASE}/payment-intents`, {
      method: 'POST',
      headers: {
        origin: ORIGIN,
        'content-type': 'application/json',
        'idempotency-key': `bench-${i}`,
        ...(cookie && { cookie }),
        ...(address && { 'x-forwarded-for': address }),
      },
      body: JSON.stringify({ items: [{ price: 'basic', quantity: 1 + (i % 3) }] }),
    }),
  catalog: (_i, { address } = {}) =>
    new Request(`${ORIGIN}${BASE}/catalog`, { headers: address ? { 'x-forwarded-for': address } : {} }),
  unauthenticated: (i) => requests.paymentIntent(i, { cookie: null }),
};

/** Runs one request through a handler and reads the whole response, as a client would. */
export async function roundTrip(handler, request, expectStatus) {
  const response = await handler.handle(request);
  await response.arrayBuffer();
  if (expectStatus !== undefined && response.status !== expectStatus) {
    throw new Error(
      `bench: expected ${expectStatus}, got ${response.status} for ${request.method} ${request.url}`,
    );
  }
  return response;
}
