/**
 * "Customers and stores": `redisStore({ client })` on ioredis AND on node-redis, on the real redis-server, behind
 * several server instances: a webhook delivered to two instances at once runs once, rate limits count across
 * instances, and refunds of one PaymentIntent stay serialised across instances. A raw client passed where
 * `{ client }` belongs fails at construction, never as a 500 on every request.
 */
import { redisStore } from '@tollbooth/redis';
import type { AuthorizeFn, KeyValueStore } from '@tollbooth/server';
import { signWebhook } from '@tollbooth/testing';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClients, url } from '../../packages/redis/test/connect';
import { expectOk, expectRefused } from './support/expect';
import { record } from './support/figures';
import { customerOf, paidIntent } from './support/fixtures';
import {
  BASE_PATH,
  createHarness,
  defaultAuthorize,
  type Harness,
  SHOP,
  WEBHOOK_SECRET,
} from './support/harness';
import { ITEMS } from './support/routes';

// .ci/run starts redis-server; a unique prefix per run, its keys removed after the file, never FLUSHALL.
const prefix = `security:${process.pid}:${Date.now()}:`;
const { io, node } = connectClients(prefix);

/**
 * The middle of the current minute, held still: every rate-limit window of a case is the same window, so no case
 * can straddle a window boundary (timing never decides a result).
 */
const pinned = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
const now = () => pinned;

const CLIENTS: Array<[string, () => KeyValueStore]> = [
  ['ioredis', () => redisStore({ client: io, prefix: `${prefix}io:` })],
  ['node-redis', () => redisStore({ client: node, prefix: `${prefix}node:` })],
  [
    'node-redis through the old documented wrapper',
    () =>
      redisStore({
        client: { call: (...args: unknown[]) => node.sendCommand(args.flat().map(String)) },
        prefix: `${prefix}wrapped:`,
      } as never),
  ],
];

const refundedSoFar = (pi: Stripe.PaymentIntent) =>
  typeof pi.latest_charge === 'object' && pi.latest_charge !== null
    ? pi.latest_charge.amount_refunded
    : Number.NaN;

/** Guests may pay; support may refund up to 50.00 in total per payment. */
const guestsAndCappedSupport: AuthorizeFn = (user, action, context) => {
  if (user === null && action === 'paymentIntent.create') return true;
  if (user?.roles?.includes('support') && context.action === 'refunds.create') {
    const pi = context.resource;
    return refundedSoFar(pi) + (context.input.amount ?? pi.amount_received) <= 5000;
  }
  return defaultAuthorize(user, action, context);
};

describe.each(CLIENTS)('%s behind 2 instances', (_name, makeStore) => {
  let h: Harness;
  let runs = 0;
  beforeAll(async () => {
    h = await createHarness({
      instances: 2,
      authorize: guestsAndCappedSupport,
      config: {
        store: makeStore(),
        now,
        rateLimit: { 'paymentIntent.create': { limit: 3, windowSeconds: 60 } },
        webhooks: {
          secret: WEBHOOK_SECRET,
          on: {
            'payment_intent.succeeded': async () => {
              runs += 1;
              await new Promise((resolve) => setTimeout(resolve, 20));
            },
          },
        },
      },
    });
    await customerOf(h, 'bob');
  });
  afterAll(() => h.close());

  it('a webhook delivered to both instances at once runs its handler once', async () => {
    const id = `evt_redis${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const payload = JSON.stringify({
      id,
      object: 'event',
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      type: 'payment_intent.succeeded',
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: { id: 'pi_redis1', object: 'payment_intent', amount: 1500, currency: 'usd' } },
    });
    const before = runs;
    const deliver = (instance: number) =>
      h.send(
        new Request(`${SHOP}${BASE_PATH}/webhooks`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'stripe-signature': signWebhook(payload, WEBHOOK_SECRET),
          },
          body: payload,
        }),
        null,
        instance,
      );
    const results = await Promise.all([0, 1, 0, 1, 0, 1].map(deliver));
    for (const r of results) expect([200, 409], r.text).toContain(r.status);
    expect(results.some((r) => r.status === 200)).toBe(true);
    if (runs - before !== 1) record('duplicateSideEffect', `${_name}: handler ran ${runs - before} times`);
    expect(runs - before).toBe(1);
  });

  it('a rate limit counts across instances', async () => {
    const results = [];
    for (let i = 0; i < 8; i++) {
      results.push(
        await h.call('paymentIntent.create', { as: null, body: { items: ITEMS }, instance: i % 2 }),
      );
    }
    const ok = results.filter((r) => r.status === 200).length;
    if (ok > 3) record('limitDodged', `${_name}: ${ok} of 8 passed a limit of 3 over two instances`);
    expect(ok).toBe(3);
    for (const r of results.filter((x) => x.status !== 200)) expectRefused(r, 429, 'rate_limited');
  });

  it('parallel refunds over both instances stay under a 50.00 total cap', async () => {
    const pi = await paidIntent(h, 'bob', [{ price: 'big', quantity: 1 }]);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        h.call('refunds.create', {
          as: 'support',
          body: { paymentIntent: pi, amount: 1000 },
          instance: i % 2,
        }),
      ),
    );
    const intent = await h.stripe.paymentIntents.retrieve(pi, { expand: ['latest_charge'] });
    const total = (intent.latest_charge as Stripe.Charge).amount_refunded;
    if (total > 5000) record('refundCapBeaten', `${_name}: ${total} refunded over two instances`);
    expect(total).toBeLessThanOrEqual(5000);
    expect(results.some((r) => r.status === 200)).toBe(true);
    expectOk(results.find((r) => r.status === 200) as (typeof results)[number]);
  });
});

describe('a wrong argument fails at construction', () => {
  const wrong: Array<[string, () => unknown]> = [
    ['an ioredis client itself', () => io],
    ['a node-redis client itself', () => node],
    ['nothing', () => undefined],
    ['{ client: undefined }', () => ({})],
    ['{ client: a URL string }', () => ({ client: url })],
    ['{ client: an object with neither call nor sendCommand }', () => ({ client: { get: () => null } })],
  ];
  it.each(wrong)('%s → a clear error naming { client }', (label, arg) => {
    let error: unknown;
    try {
      redisStore(arg() as never);
    } catch (e) {
      error = e;
    }
    if (!(error instanceof Error)) record('unsafeConfig', `redisStore(${label}) was accepted`);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/client/);
  });
});
