import { createServer } from 'node:http';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeSimulator, type StripeSimulator, signWebhook } from '../src/index';
import { PRICES, stripeFor, useConformance } from './helpers';

const SECRET = 'whsec_test_secret_value';
const verifier = new Stripe('sk_test_verify');

/** A webhook endpoint on 127.0.0.1 that verifies each delivery and answers with a scripted status. */
function endpoint() {
  const received: Array<{ event: Stripe.Event; verified: boolean }> = [];
  const statuses: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = true;
      let event: Stripe.Event;
      try {
        event = await verifier.webhooks.constructEventAsync(
          body,
          String(req.headers['stripe-signature']),
          SECRET,
        );
      } catch {
        verified = false;
        event = JSON.parse(body) as Stripe.Event;
      }
      received.push({ event, verified });
      res.writeHead(statuses.shift() ?? 200);
      res.end('{}');
    });
  });
  return { server, received, statuses };
}

describe('events and webhook delivery', () => {
  const hook = endpoint();
  let sim: StripeSimulator;
  let stripe: Stripe;
  let close: () => Promise<void>;

  useConformance();
  beforeAll(async () => {
    await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
    const address = hook.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    sim = createStripeSimulator({
      prices: PRICES,
      webhook: { url: `http://127.0.0.1:${port}/webhooks`, secret: SECRET, backoffMs: 5, maxAttempts: 3 },
    });
    const server = await sim.listen();
    stripe = stripeFor(server.port);
    close = server.close;
  });
  afterAll(async () => {
    await close();
    hook.server.close();
  });

  it('signs a payload the SDK verifies, and rejects a wrong secret', async () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'ping' });
    const header = signWebhook(payload, SECRET, { timestamp: Math.floor(Date.now() / 1000) });
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = await verifier.webhooks.constructEventAsync(payload, header, SECRET);
    expect(event.id).toBe('evt_1');
    await expect(verifier.webhooks.constructEventAsync(payload, header, 'whsec_other')).rejects.toThrow();
    const old = signWebhook(payload, SECRET, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    await expect(verifier.webhooks.constructEventAsync(payload, old, SECRET)).rejects.toThrow(/tolerance/i);
    const expected = await verifier.webhooks.generateTestHeaderStringAsync({
      payload,
      secret: SECRET,
      timestamp: 1700000000,
    });
    expect(signWebhook(payload, SECRET, { timestamp: 1700000000 })).toBe(expected);
  });

  it('records events for state changes and delivers them signed', async () => {
    sim.reset();
    hook.received.length = 0;
    const pi = await stripe.paymentIntents.create(
      { amount: 1000, currency: 'usd' },
      { idempotencyKey: 'evt-pi' },
    );
    await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    await stripe.refunds.create({ payment_intent: pi.id, amount: 400 });
    await sim.webhooks.flush();
    const types = hook.received.map((r) => r.event.type);
    expect(types).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'refund.created',
      'charge.refunded',
    ]);
    expect(hook.received.every((r) => r.verified)).toBe(true);
    const succeeded = hook.received[2]!.event;
    expect((succeeded.data.object as Stripe.PaymentIntent).status).toBe('succeeded');
    const listed = await stripe.events.list({ type: 'payment_intent.succeeded' });
    expect(listed.data.map((e) => e.id)).toEqual([succeeded.id]);
    const created = await stripe.events.list({ type: 'payment_intent.created' });
    expect(created.data[0]?.request).toMatchObject({ idempotency_key: 'evt-pi' });
    expect((await stripe.events.retrieve(succeeded.id)).type).toBe('payment_intent.succeeded');
  });

  it('retries a failing endpoint with backoff, up to the bound', async () => {
    sim.reset();
    hook.received.length = 0;
    hook.statuses.push(500, 503, 200);
    await stripe.customers.create({ email: 'r@e.t' });
    await sim.webhooks.flush();
    expect(sim.webhooks.deliveries.map((d) => [d.type, d.attempt, d.status])).toEqual([
      ['customer.created', 1, 500],
      ['customer.created', 2, 503],
      ['customer.created', 3, 200],
    ]);
    hook.statuses.push(500, 500, 500, 500);
    await stripe.customers.create({ email: 'never@e.t' });
    await sim.webhooks.flush();
    expect(sim.webhooks.deliveries.filter((d) => !d.ok)).toHaveLength(5);
    hook.statuses.length = 0;
  });

  it('delivers duplicates and out-of-order on request', async () => {
    sim.reset();
    hook.received.length = 0;
    const customer = await stripe.customers.create({ email: 'dup@e.t' });
    await sim.webhooks.flush();
    const created = sim.events.find((e) => e.type === 'customer.created')!;
    await sim.webhooks.deliver(created.id, { duplicate: 2 });
    expect(hook.received.filter((r) => r.event.id === created.id)).toHaveLength(4);

    hook.received.length = 0;
    sim.webhooks.hold();
    await stripe.customers.update(customer.id, { name: 'One' });
    await stripe.customers.update(customer.id, { name: 'Two' });
    expect(sim.webhooks.queued).toHaveLength(2);
    expect(hook.received).toHaveLength(0);
    await sim.webhooks.release({ reverse: true });
    const names = hook.received.map((r) => (r.event.data.object as Stripe.Customer).name);
    expect(names).toEqual(['Two', 'One']);
    expect(hook.received[0]!.event.data.previous_attributes).toEqual({ name: 'One' });
  });

  it('emits checkout, subscription and invoice events when a subscription is bought', async () => {
    sim.reset();
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: 'price_pro', quantity: 1 }],
      ui_mode: 'hosted_page',
      success_url: 'https://s.example/ok',
    });
    sim.completeCheckoutSession(session.id);
    const sub = sim.retrieve<Stripe.Subscription>(
      sim.retrieve<Stripe.Checkout.Session>(session.id)!.subscription as string,
    )!;
    await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    await stripe.subscriptions.cancel(sub.id);
    const types = sim.events.map((e) => e.type);
    for (const type of [
      'customer.created',
      'payment_method.attached',
      'customer.subscription.created',
      'invoice.paid',
      'checkout.session.completed',
      'customer.subscription.updated',
      'customer.subscription.deleted',
    ]) {
      expect(types).toContain(type);
    }
    expect(types.indexOf('customer.subscription.created')).toBeLessThan(
      types.indexOf('checkout.session.completed'),
    );
    await sim.webhooks.flush();
  });
});

describe('webhook delivery without a network', () => {
  it('delivers through an injected fetch, and records a bad URL as a failed attempt', async () => {
    const seen: string[] = [];
    const sim = createStripeSimulator({
      prices: PRICES,
      webhook: {
        url: 'https://shop.example.com/api/tollbooth/webhooks',
        secret: SECRET,
        fetch: async (request) => {
          const body = await request.text();
          const event = await verifier.webhooks.constructEventAsync(
            body,
            request.headers.get('stripe-signature') ?? '',
            SECRET,
          );
          seen.push(`${request.url} ${event.type}`);
          return new Response('{"received":true}');
        },
      },
    });
    sim.completeCheckoutSession(
      (
        (await (
          await sim.fetch(
            new Request('https://api.stripe.com/v1/checkout/sessions', {
              method: 'POST',
              headers: {
                authorization: 'Bearer sk_test_x',
                'content-type': 'application/x-www-form-urlencoded',
              },
              body: 'mode=payment&line_items[0][price]=price_basic&line_items[0][quantity]=1&success_url=https://s.example/ok',
            }),
          )
        ).json()) as { id: string }
      ).id,
    );
    await sim.webhooks.flush();
    expect(seen).toContain('https://shop.example.com/api/tollbooth/webhooks checkout.session.completed');

    const broken = createStripeSimulator({
      prices: PRICES,
      webhook: { url: 'not a url', secret: SECRET, maxAttempts: 2, backoffMs: 1 },
    });
    await broken.fetch(
      new Request('https://api.stripe.com/v1/customers', {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_x', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=a@b.c',
      }),
    );
    await broken.webhooks.flush();
    expect(broken.webhooks.deliveries.map((d) => [d.attempt, d.ok, d.status])).toEqual([
      [1, false, null],
      [2, false, null],
    ]);
  });
});
