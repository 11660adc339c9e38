import { createStripeSimulator, type ListeningSimulator } from '@tollbooth/testing';
import Redis from 'ioredis';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorPriceId } from '../server/catalog';
import { shopSimulator } from '../server/simulator';
import { eventually, type Login, orderBook, signIn, tollbooth } from './helpers';
import { freePort, type NextServer, startNext } from './next-server';

// The demo on Redis, restarted and doubled. Stripe must outlive the app too, so the simulator runs here, in the
// test process (the app's STRIPE_SIMULATOR_URL), and its webhooks go to whichever instances are up, in turn.
const redisUrl = process.env.TOLLBOOTH_REDIS_URL ?? 'redis://127.0.0.1:6399';
const prefix = `test:next-store:${process.pid}:${Date.now()}:`;
const webhookSecret = `whsec_restart_${crypto.randomUUID().replaceAll('-', '')}`;

let targets: string[] = [];
let turn = 0;
const sim = createStripeSimulator(
  shopSimulator({
    url: 'http://127.0.0.1/api/tollbooth/webhooks',
    secret: webhookSecret as `whsec_${string}`,
    // A delivery that finds no instance up (mid-restart) is retried, as Stripe would.
    maxAttempts: 30,
    backoffMs: 200,
    fetch: async (request) => {
      const target = targets[turn++ % Math.max(targets.length, 1)];
      if (!target) return new Response('no instance up', { status: 503 });
      const { pathname } = new URL(request.url);
      return fetch(`${target}${pathname}`, {
        method: 'POST',
        headers: request.headers,
        body: await request.text(),
      });
    },
  }),
);
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
let listening: ListeningSimulator;
let stripe: Stripe;
let ports: [number, number];
let env: Record<string, string>;
const running: NextServer[] = [];

async function start(port: number): Promise<NextServer> {
  const server = await startNext(port, env);
  running.push(server);
  return server;
}

async function stop(server: NextServer): Promise<void> {
  await server.stop();
  running.splice(running.indexOf(server), 1);
}

beforeAll(async () => {
  listening = await sim.listen(0);
  stripe = new Stripe('sk_test_simulator', {
    host: '127.0.0.1',
    port: listening.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  ports = [await freePort(), await freePort()];
  env = {
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    STRIPE_SIMULATOR_URL: listening.url,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    // The same on every instance and after a restart, so a sign-in outlives both.
    SESSION_SECRET: crypto.randomUUID() + crypto.randomUUID(),
    PUBLIC_ORIGINS: ports.map((port) => `http://127.0.0.1:${port}`).join(','),
  };
});

afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
  await listening?.close();
  // Only this run's keys (never FLUSHALL: the Redis is shared).
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

/** A signed-in shopper's paid cart on `base`: 2 mugs through the Payment Element's route, paid with 4242. */
async function buyMugs(base: string, cookie: string): Promise<string> {
  const res = await tollbooth('/payment-intents', {
    base,
    cookie,
    body: { items: [{ price: 'mug', quantity: 2 }] },
  });
  expect(res.status).toBe(200);
  const { id } = (await res.json()) as { id: string };
  await stripe.paymentIntents.confirm(id, { payment_method: 'pm_card_visa' });
  return id;
}

/** The user's Stripe customers (the simulator lists without search's delay). */
async function customersOf(login: Login): Promise<Stripe.Customer[]> {
  const all = await stripe.customers.list({ limit: 100 });
  return all.data.filter((c) => c.metadata.tollbooth_owner === `user:user_${login}`);
}

/** Joins the coffee club the way Stripe would hold it: a customer made by the app, then a subscription. */
async function joinClub(base: string, login: Login, cookie: string): Promise<void> {
  expect((await tollbooth('/setup-intents', { base, cookie, body: {} })).status).toBe(200);
  const [customer] = await eventually(async () => {
    const found = await customersOf(login);
    return found.length > 0 && found;
  });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer!.id });
  await stripe.subscriptions.create({
    customer: customer!.id,
    items: [{ price: simulatorPriceId('club') }],
    default_payment_method: pm.id,
  });
}

const billingOn = async (base: string, cookie: string) =>
  (await (await tollbooth('/billing', { base, cookie })).json()) as { plan: string; status: string };

const page = async (base: string, path: string, cookie: string) =>
  (await fetch(`${base}${path}`, { headers: { cookie } })).text();

const fulfilmentsOf = async (base: string, orderId: string) =>
  (await orderBook(base)).fulfilments.filter((f) => f.orderId === orderId);

describe('the demo on Redis (REDIS_URL): nothing paid is lost to a restart or split between instances', () => {
  let a: NextServer;
  let mugs: string;

  it('keeps the order, the customer and the subscription across a restart of the server process', async () => {
    a = await start(ports[0]);
    targets = [a.url];
    const alice = await signIn('alice', a.url);
    mugs = await buyMugs(a.url, alice);
    await joinClub(a.url, 'alice', alice);
    await eventually(async () => (await orderBook(a.url)).orders.some((o) => o.id === mugs));
    await eventually(async () => (await billingOn(a.url, alice)).plan === 'club');
    await sim.webhooks.flush();
    // The order and Tollbooth's state are in Redis, under the demo's prefix, not only in the process.
    expect(await redis.exists(`${prefix}orders:order:${mugs}`)).toBe(1);
    const [customer] = await customersOf('alice');
    expect(await redis.exists(`${prefix}default:billing:${customer!.id}`)).toBe(1);

    await stop(a);
    a = await start(ports[0]);
    targets = [a.url];

    const after = await orderBook(a.url);
    expect(after.orders.find((o) => o.id === mugs)).toMatchObject({ userId: 'user_alice', amount: 3600 });
    expect(await fulfilmentsOf(a.url, mugs)).toHaveLength(1);
    expect(await billingOn(a.url, alice)).toMatchObject({ plan: 'club', status: 'active' });
    const account = await page(a.url, '/account', alice);
    expect(account).toContain('2 × Enamel mug');
    expect(account).toMatch(/Coffee club — monthly, renews on [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    const subs = await tollbooth('/subscriptions', { base: a.url, cookie: alice });
    const { data } = (await subs.json()) as { data: Array<{ price: string; status: string }> };
    expect(data).toEqual([expect.objectContaining({ price: 'club', status: 'active' })]);
    // The restarted process found Alice's customer again: no second one.
    expect(await customersOf('alice')).toHaveLength(1);
  });

  it('two instances on one Redis list the same orders, fulfil each once and agree on plans', async () => {
    const b = await start(ports[1]);
    targets = [a.url, b.url];
    const bob = await signIn('bob', b.url);
    const bobsMugs = await buyMugs(b.url, bob);
    await joinClub(b.url, 'bob', bob);
    await sim.webhooks.flush();
    // Stripe delivers the payment's event again, to both instances in turn: still one fulfilment.
    const event = sim.events.find(
      (e) => e.type === 'payment_intent.succeeded' && (e.data.object as { id: string }).id === bobsMugs,
    );
    await sim.webhooks.deliver(event!.id, { duplicate: 3 });

    const [onA, onB] = await Promise.all([orderBook(a.url), orderBook(b.url)]);
    expect(onA).toEqual(onB);
    expect(onA.orders.map((o) => o.id)).toEqual(expect.arrayContaining([mugs, bobsMugs]));
    expect(await fulfilmentsOf(b.url, bobsMugs)).toHaveLength(1);

    // A refund made on one instance is in the order the other lists (charge.refunded reaches either).
    const ada = await signIn('ada', b.url);
    const refund = await tollbooth('/refunds', {
      base: b.url,
      cookie: ada,
      body: { paymentIntent: mugs, amount: 500 },
    });
    expect(refund.status).toBe(200);
    await eventually(
      async () => (await orderBook(a.url)).orders.find((o) => o.id === mugs)?.amountRefunded === 500,
    );

    // Bob joined on B; A says so, and each staff page names both shoppers' plans.
    expect(await billingOn(a.url, bob)).toMatchObject({ plan: 'club', status: 'active' });
    for (const base of [a.url, b.url]) {
      const staff = await page(base, '/staff', ada);
      // Rendered elements only (the RSC payload after the HTML repeats the text).
      const lines = staff.match(/data-testid="plan-line"[^>]*>Coffee club — monthly, renews on/g);
      expect(lines).toHaveLength(2);
    }
    expect(await customersOf('bob')).toHaveLength(1);
  });
});
