import { createStripeSimulator, signWebhook } from '@tollbooth/testing';
import type Stripe from 'stripe';
import { createTollbooth, type KeyValueStore, type TollboothConfig } from '../src/index';
import { BASE, call, recordingStripe, testConfig, WHSEC } from './helpers';
import { PRICES } from './sim';

export const PLANS = {
  free: { features: ['browse'], limits: { projects: 3 } },
  pro: { prices: ['pro'], features: ['browse', 'export'], limits: { projects: 50 } },
} as const;

export const HOUR = 60 * 60 * 1000;

/**
 * One Stripe account (the simulator, on a clock the test moves) and any number of server instances on it, each
 * with the store it is given: restarts, new instances and wiped stores are new `instance(...)` calls.
 */
export function billingWorld(options: { searchDelaySeconds?: number } = {}) {
  const clock = { now: 1_800_000_000_000 };
  const now = () => clock.now;
  const sim = createStripeSimulator({
    products: [
      { id: 'prod_basic', name: 'Basic' },
      { id: 'prod_pro', name: 'Pro' },
    ],
    prices: PRICES,
    now,
    searchDelaySeconds: options.searchDelaySeconds ?? 1,
  });
  /** The server's Stripe: `through` may hold a response back (an old read that arrives late). */
  const serverStripe = (through?: (request: Request, response: Response) => Promise<Response>) =>
    recordingStripe(async (request) => {
      const response = await sim.fetch(request);
      return through ? through(request, response) : response;
    }).stripe;
  const stripe = serverStripe();
  const admin = recordingStripe((request) => sim.fetch(request), 'sk_test_admin').stripe;

  function instance(store: KeyValueStore, overrides: Partial<TollboothConfig> = {}) {
    const { config } = testConfig({ stripe, store, now, plans: PLANS, ...overrides });
    return createTollbooth(config);
  }

  /** Delivers `event` as Stripe does, signed at the simulator's current time. */
  function deliver(tollbooth: { handle(request: Request): Promise<Response> }, event: Stripe.Event) {
    const payload = JSON.stringify(event);
    const signature = signWebhook(payload, WHSEC, { timestamp: Math.floor(now() / 1000) });
    return tollbooth.handle(
      new Request(`${BASE}/webhooks`, {
        method: 'POST',
        headers: { 'stripe-signature': signature, 'content-type': 'application/json' },
        body: payload,
      }),
    );
  }

  /** Buys `price` for `user` through the server's Checkout route and pays it on the simulated hosted page. */
  async function subscribe(
    tollbooth: { handle(request: Request): Promise<Response> },
    user: string,
    price = 'pro',
  ): Promise<string> {
    const res = await tollbooth.handle(
      call('/checkout', { body: { items: [{ price, quantity: 1 }] }, user }),
    );
    if (res.status !== 200) throw new Error(`checkout failed: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    sim.completeCheckoutSession(id);
    return id;
  }

  /** What Stripe holds for each user, as a fresh instance with an empty store reads it. */
  const customersOf = async (appId = 'default') =>
    (await admin.customers.list({ limit: 100 })).data.filter((c) => c.metadata.tollbooth_app === appId);

  return { clock, now, sim, stripe, serverStripe, admin, instance, deliver, subscribe, customersOf };
}
