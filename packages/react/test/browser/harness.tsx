import { createTollbooth, rbac, type TollboothUser } from '@tollbooth/server';
import { createStripeSimulator } from '@tollbooth/testing';
import { createStripeJsStandIn } from '@tollbooth/testing/stripe-js';
import type { ReactNode } from 'react';
import Stripe from 'stripe';
import { TollboothProvider, type TollboothProviderProps } from '../../src/index';

export const CATALOG = { basic: 'price_basic', pro: 'price_pro', yen: 'price_yen' } as const;

/**
 * Everything in the page, for real: the simulator (Stripe's API), stripe-node talking to it through its fetch
 * client, the real Tollbooth server handler, and the Stripe.js stand-in. The provider's `fetch` hands each
 * request to `tollbooth.handle` as the Next.js route would. `plans` turns on the plan rules (one live
 * subscription per customer among them).
 */
export function createHarness(
  options: { plans?: Record<string, { prices?: readonly (keyof typeof CATALOG)[] }> } = {},
) {
  const sim = createStripeSimulator({
    products: [
      { id: 'prod_basic', name: 'Basic', description: 'For one person' },
      { id: 'prod_pro', name: 'Pro' },
      { id: 'prod_yen', name: 'Tokyo' },
    ],
    prices: [
      { id: 'price_basic', product: 'prod_basic', unit_amount: 1500, currency: 'usd' },
      {
        id: 'price_pro',
        product: 'prod_pro',
        unit_amount: 2900,
        currency: 'usd',
        recurring: { interval: 'month' },
      },
      { id: 'price_yen', product: 'prod_yen', unit_amount: 1500, currency: 'jpy' },
    ],
  });
  const simFetch = (input: RequestInfo | URL, init?: RequestInit) => sim.fetch(new Request(input, init));
  const stripe = new Stripe('sk_test_tollbooth', {
    httpClient: Stripe.createFetchHttpClient(simFetch as typeof fetch),
    maxNetworkRetries: 0,
  });
  const state = {
    user: { id: 'u_1', email: 'ada@example.com', roles: ['customer'] } as TollboothUser | null,
  };
  const tollbooth = createTollbooth({
    stripe,
    getUser: () => state.user,
    authorize: rbac({
      anonymous: ['catalog.read'],
      customer: [
        'catalog.read',
        'checkout.*',
        'paymentIntent.*',
        'setupIntent.*',
        'paymentMethods.*',
        'portal.*',
        'subscriptions.*',
        'invoices.*',
      ],
      admin: ['*'],
    }),
    catalog: { prices: CATALOG },
    plans: options.plans,
    rateLimit: false,
  });
  /** Every request the components sent to the Tollbooth route, as `METHOD /path`. */
  const calls: string[] = [];
  const routeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(new URL(String(input), location.href), init);
    calls.push(`${request.method} ${new URL(request.url).pathname.replace('/api/tollbooth', '')}`);
    // A page's own fetch sends `Origin`, which page scripts cannot set on a Request: add it as the browser would.
    const headers = new Headers(request.headers);
    if (request.method !== 'GET') headers.set('origin', location.origin);
    const withOrigin = new Proxy(request, {
      get(target, key) {
        if (key === 'headers') return headers;
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return tollbooth.handle(withOrigin);
  };
  /** Buys `price` through the real route and pays the session as Stripe's hosted page would; returns its id. */
  async function buy(price: 'basic' | 'pro', mode: 'payment' | 'subscription'): Promise<string> {
    const response = await routeFetch('/api/tollbooth/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ items: [{ price, quantity: 1 }], mode }),
    });
    const { id } = (await response.json()) as { id: string };
    sim.completeCheckoutSession(id, { card: '4242424242424242' });
    return id;
  }
  const navigations: string[] = [];
  const stripeJs = createStripeJsStandIn({
    simulatorUrl: sim.baseUrl,
    fetch: simFetch as typeof fetch,
    navigate: (url) => navigations.push(url),
  });

  /** Counts Stripe API calls the server made, e.g. `stripeCalls('POST', '/v1/payment_intents')`. */
  const stripeCalls = (method: string, path: string) =>
    sim.requests.filter((r) => r.method === method && r.path === path).length;

  // A closure over this harness's route and stand-in; each test makes one harness, so the identity is stable.
  // biome-ignore lint/correctness/noComponentHookFactories: the component is created once per harness.
  function Provider(props: Partial<TollboothProviderProps> & { children: ReactNode }) {
    return <TollboothProvider fetch={routeFetch} stripe={stripeJs} {...props} />;
  }
  return {
    sim,
    stripe,
    tollbooth,
    state,
    calls,
    navigations,
    stripeJs,
    stripeCalls,
    Provider,
    routeFetch,
    buy,
  };
}

export type Harness = ReturnType<typeof createHarness>;
