import { performance } from 'node:perf_hooks';
import { createTollbooth, rbac } from '@tollbooth/server';
import { createStripeSimulator, signWebhook } from '@tollbooth/testing';
import Stripe from 'stripe';

const ORIGIN = 'https://shop.example.com';
const SECRET = 'whsec_bench';

function setup() {
  const sim = createStripeSimulator({
    products: [{ id: 'prod_basic', name: 'Basic' }],
    prices: [{ id: 'price_basic', product: 'prod_basic', unit_amount: 1500, currency: 'usd' }],
  });
  const stripe = new Stripe('sk_test_bench', {
    httpClient: Stripe.createFetchHttpClient((url, init) => sim.fetch(new Request(url, init))),
    maxNetworkRetries: 0,
  });
  const tollbooth = createTollbooth({
    stripe,
    getUser: async (request) => {
      const id = request.headers.get('x-user');
      return id ? { id, roles: ['customer'] } : null;
    },
    authorize: rbac({ anonymous: ['catalog.read'], customer: ['*'] }),
    catalog: { prices: { basic: 'price_basic' } },
    origins: [ORIGIN],
    webhooks: { secret: SECRET, on: { 'payment_intent.succeeded': async () => {} } },
    rateLimit: false,
  });
  return tollbooth;
}

async function measure(name, count, makeRequest, handle) {
  for (let i = 0; i < 20; i++) await handle(makeRequest(i));
  const times = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const response = await handle(makeRequest(i));
    await response.arrayBuffer();
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { name, perSecond: (count / total) * 1000, p50: at(0.5), p99: at(0.99) };
}

export async function server() {
  const tollbooth = setup();
  const handle = (request) => tollbooth.handle(request);
  const url = (path) => `${ORIGIN}/api/tollbooth${path}`;
  const post = (path, body, headers = {}) =>
    new Request(url(path), {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const rows = [];
  rows.push(
    await measure(
      'GET /catalog (anonymous, prices cached)',
      2000,
      () => new Request(url('/catalog')),
      handle,
    ),
  );
  rows.push(
    await measure(
      'POST /payment-intents without a user (401, no Stripe call)',
      2000,
      () => post('/payment-intents', { items: [{ price: 'basic', quantity: 1 }] }),
      handle,
    ),
  );
  rows.push(
    await measure(
      'POST /payment-intents from a foreign Origin (403)',
      2000,
      () =>
        new Request(url('/payment-intents'), {
          method: 'POST',
          headers: { origin: 'https://evil.example', 'content-type': 'application/json', 'x-user': 'u1' },
          body: '{}',
        }),
      handle,
    ),
  );
  rows.push(
    await measure(
      'POST /payment-intents (creates a PaymentIntent)',
      300,
      (i) =>
        post(
          '/payment-intents',
          { items: [{ price: 'basic', quantity: 1 }] },
          { 'x-user': `u${i % 10}`, 'idempotency-key': `k${i}` },
        ),
      handle,
    ),
  );
  rows.push(
    await measure(
      'POST /webhooks (verify signature, claim, dispatch)',
      1000,
      (i) => {
        const payload = JSON.stringify({
          id: `evt_${i}_${Math.random()}`,
          object: 'event',
          type: 'payment_intent.succeeded',
          data: { object: {} },
        });
        return new Request(url('/webhooks'), {
          method: 'POST',
          headers: { 'stripe-signature': signWebhook(payload, SECRET), 'content-type': 'application/json' },
          body: payload,
        });
      },
      handle,
    ),
  );
  return rows;
}
