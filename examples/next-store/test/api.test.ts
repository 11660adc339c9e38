import { signWebhook } from '@tollbooth/testing';
import { describe, expect, it } from 'vitest';
import { baseUrl, eventually, orderBook, signIn, tollbooth, webhookSecret } from './helpers';

/** A Stripe event as Stripe sends it; non-ASCII text makes any re-encoding of the body break the signature. */
function intentSucceeded(eventId: string, intentId: string): string {
  return JSON.stringify({
    id: eventId,
    object: 'event',
    type: 'payment_intent.succeeded',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: {
      object: {
        id: intentId,
        object: 'payment_intent',
        amount: 4200,
        amount_received: 4200,
        currency: 'usd',
        status: 'succeeded',
        customer: null,
        description: 'Zoë’s café order ☕',
        metadata: { tollbooth_items: 'mugx1,totex1' },
        receipt_email: null,
      },
    },
  });
}

function postWebhook(payload: string, signature: string): Promise<Response> {
  return fetch(`${baseUrl}/api/tollbooth/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
}

describe('the Tollbooth route in next start', () => {
  it('serves the catalog by key, priced by Stripe, without Stripe ids', async () => {
    const res = await tollbooth('/catalog');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = (await res.json()) as {
      prices: Array<{ id: string; unitAmount: number; recurring: unknown }>;
    };
    expect(body.prices.map((p) => [p.id, p.unitAmount])).toEqual([
      ['mug', 1800],
      ['tote', 2400],
      ['jacket', 12000],
      ['club', 1500],
      ['clubPlus', 2700],
    ]);
    expect(JSON.stringify(body)).not.toContain('price_');
  });

  it('creates a hosted Checkout Session for a signed-in customer', async () => {
    const cookie = await signIn('alice');
    const res = await tollbooth('/checkout', {
      cookie,
      body: {
        items: [{ price: 'jacket', quantity: 1 }],
        successPath: '/return?session_id={CHECKOUT_SESSION_ID}',
      },
    });
    expect(res.status).toBe(200);
    const session = (await res.json()) as { id: string; url: string };
    expect(session.id).toMatch(/^cs_/);
    expect(new URL(session.url).hostname).toBe('127.0.0.1');
  });

  it('answers 401 to a guest asking for saved cards and 403 to a customer asking for a refund', async () => {
    const guest = await tollbooth('/payment-methods');
    expect(guest.status).toBe(401);
    expect(((await guest.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');

    // A real PaymentIntent, so the refund route gets as far as authorize (an unknown id is a 404 first).
    const created = await tollbooth('/payment-intents', { body: { items: [{ price: 'mug', quantity: 1 }] } });
    const { id } = (await created.json()) as { id: string };
    const cookie = await signIn('bob');
    const refund = await tollbooth('/refunds', { cookie, body: { paymentIntent: id } });
    expect(refund.status).toBe(403);
    expect(((await refund.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('refuses a write from a foreign or missing Origin (CSRF) with 403', async () => {
    const cookie = await signIn('alice');
    const body = { items: [{ price: 'mug', quantity: 1 }] };
    for (const origin of ['https://evil.example', 'null', null]) {
      const res = await tollbooth('/checkout', { cookie, body, origin });
      expect(res.status, `Origin ${origin}`).toBe(403);
    }
  });

  it('keeps the staff order book to staff', async () => {
    expect((await fetch(`${baseUrl}/api/orders`)).status).toBe(401);
    const res = await fetch(`${baseUrl}/api/orders`, { headers: { cookie: await signIn('alice') } });
    expect(res.status).toBe(403);
  });
});

describe('webhooks through Next.js request bodies', () => {
  it('verifies a signed event on the raw bytes, fulfils it once, and acknowledges a duplicate', async () => {
    const intentId = `pi_webhook_${crypto.randomUUID().slice(0, 8)}`;
    const eventId = `evt_${crypto.randomUUID().slice(0, 12)}`;
    const payload = intentSucceeded(eventId, intentId);

    const first = await postWebhook(payload, signWebhook(payload, webhookSecret));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true });
    const second = await postWebhook(payload, signWebhook(payload, webhookSecret));
    expect(second.status).toBe(200);

    // Another event about the same payment (Stripe sends several) does not fulfil it again either.
    const other = intentSucceeded(`${eventId}_again`, intentId);
    expect((await postWebhook(other, signWebhook(other, webhookSecret))).status).toBe(200);

    const book = await eventually(async () => {
      const b = await orderBook();
      return b.orders.some((o) => o.id === intentId) && b;
    });
    expect(book.orders.filter((o) => o.id === intentId)).toHaveLength(1);
    expect(book.fulfilments.filter((f) => f.orderId === intentId)).toEqual([{ orderId: intentId, eventId }]);
  });

  it('fulfils once when Stripe sends the same event ten times at once', async () => {
    const intentId = `pi_parallel_${crypto.randomUUID().slice(0, 8)}`;
    const payload = intentSucceeded(`evt_${crypto.randomUUID().slice(0, 12)}`, intentId);
    const signature = signWebhook(payload, webhookSecret);
    const statuses = await Promise.all(
      Array.from({ length: 10 }, async () => (await postWebhook(payload, signature)).status),
    );
    expect(statuses).toEqual(Array(10).fill(200));
    const book = await orderBook();
    expect(book.fulfilments.filter((f) => f.orderId === intentId)).toHaveLength(1);
  });

  it('answers 400 to a bad signature and fulfils nothing', async () => {
    const intentId = `pi_forged_${crypto.randomUUID().slice(0, 8)}`;
    const payload = intentSucceeded(`evt_${crypto.randomUUID().slice(0, 12)}`, intentId);
    const wrongSecret = signWebhook(payload, 'whsec_not_the_apps_secret_at_all_000000');
    expect((await postWebhook(payload, wrongSecret)).status).toBe(400);
    // Signed for other bytes: the signature of the original does not cover a re-serialized body.
    const signed = signWebhook(payload, webhookSecret);
    const reserialized = JSON.stringify(JSON.parse(payload), null, 1);
    expect((await postWebhook(reserialized, signed)).status).toBe(400);
    expect((await postWebhook(payload, 'garbage')).status).toBe(400);
    expect((await orderBook()).orders.some((o) => o.id === intentId)).toBe(false);
  });
});

describe('the Pages Router adapter in next start (pages/api/pages-router)', () => {
  const pagesRoute = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}/api/pages-router${path}`, init);

  it('serves GET actions and JSON writes from the same-origin browser, and refuses a foreign Origin', async () => {
    expect((await pagesRoute('/catalog')).status).toBe(200);
    const cookie = await signIn('alice');
    const write = (origin: string) =>
      pagesRoute('/checkout', {
        method: 'POST',
        headers: {
          cookie,
          origin,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({ items: [{ price: 'mug', quantity: 1 }] }),
      });
    expect((await write(baseUrl)).status).toBe(200);
    expect((await write('https://evil.example')).status).toBe(403);
  });

  it('verifies webhooks on the raw bytes Node received', async () => {
    const intentId = `pi_pages_${crypto.randomUUID().slice(0, 8)}`;
    const payload = intentSucceeded(`evt_${crypto.randomUUID().slice(0, 12)}`, intentId);
    const post = (body: string, signature: string) =>
      pagesRoute('/webhooks', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body,
      });
    expect((await post(payload, 'garbage')).status).toBe(400);
    expect((await post(payload, signWebhook(payload, webhookSecret))).status).toBe(200);
    expect((await orderBook()).fulfilments.filter((f) => f.orderId === intentId)).toHaveLength(1);
  });
});
