import Stripe from 'stripe';
import { inject } from 'vitest';

export const baseUrl = inject('baseUrl');
export const webhookSecret = inject('webhookSecret');

/** A stripe-node client on the app's own simulator, to arrange state the way Stripe would. */
export function simulatorStripe(): Stripe {
  return new Stripe('sk_test_simulator', {
    host: '127.0.0.1',
    port: inject('simulatorPort'),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
}

export type Login = 'alice' | 'bob' | 'sam' | 'ada';

/**
 * Signs in through the demo's sign-in route and returns the `Cookie` header value to send. `base`: another
 * running instance than the project's (the restart tests start their own).
 */
export async function signIn(login: Login, base = baseUrl): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login }),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`sign-in as ${login} answered ${res.status}`);
  const cookie = res.headers.getSetCookie()[0];
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie.split(';')[0]!;
}

/** Calls the Tollbooth route the way the browser client does: JSON, same-origin Origin, an idempotency key. */
export function tollbooth(
  path: string,
  options: { method?: string; body?: unknown; cookie?: string; origin?: string | null; base?: string } = {},
): Promise<Response> {
  const base = options.base ?? baseUrl;
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.cookie) headers.cookie = options.cookie;
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    headers['idempotency-key'] = crypto.randomUUID();
    const origin = options.origin === undefined ? base : options.origin;
    if (origin !== null) headers.origin = origin;
  }
  return fetch(`${base}/api/tollbooth${path}`, {
    method,
    headers,
    body: method === 'GET' ? undefined : JSON.stringify(options.body ?? {}),
  });
}

export interface OrderBook {
  orders: Array<{
    id: string;
    paymentIntent: string | null;
    checkoutSession: string | null;
    amount: number;
    amountRefunded: number;
    userId: string | null;
  }>;
  fulfilments: Array<{ orderId: string; eventId: string }>;
}

const adminCookies = new Map<string, Promise<string>>();

/** The order book as staff see it (on the instance at `base`). */
export async function orderBook(base = baseUrl): Promise<OrderBook> {
  const cookie = adminCookies.get(base) ?? signIn('ada', base);
  adminCookies.set(base, cookie);
  const res = await fetch(`${base}/api/orders`, { headers: { cookie: await cookie } });
  if (!res.ok) throw new Error(`/api/orders answered ${res.status}`);
  return (await res.json()) as OrderBook;
}

/**
 * Polls until `check` returns a value. Webhooks arrive asynchronously; the bound is the test's own timeout,
 * not a claim about speed.
 */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Gives `login` a coffee-club subscription as Stripe would hold it after they subscribed: their customer made by
 * the server (a SetupIntent needs one), a saved card, then the subscription; the first invoice is paid with it.
 */
export async function subscribeToClub(login: Login, clubPrice: string): Promise<void> {
  const cookie = await signIn(login);
  const owner = `user:user_${login}`;
  if ((await tollbooth('/setup-intents', { cookie, body: {} })).status !== 200)
    throw new Error(`no customer for ${login}`);
  const stripe = simulatorStripe();
  const customer = await eventually(async () => {
    const all = await stripe.customers.list({ limit: 100 });
    return all.data.find((c) => c.metadata.tollbooth_owner === owner);
  });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: clubPrice }],
    default_payment_method: pm.id,
  });
}

/** A guest's paid order for `items`, paid with Stripe's test card through the SDK; returns the PaymentIntent id. */
export async function paidOrder(items: Array<{ price: string; quantity: number }>): Promise<string> {
  const res = await tollbooth('/payment-intents', { body: { items } });
  if (res.status !== 200) throw new Error(`payment-intents answered ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  await simulatorStripe().paymentIntents.confirm(id, { payment_method: 'pm_card_visa' });
  await eventually(async () => (await orderBook()).orders.find((o) => o.id === id));
  return id;
}

/** "Paying as" through the demo's route: `team` (or `me`) for a signed-in `cookie`; returns the response. */
export function payAs(cookie: string, team: string, base = baseUrl): Promise<Response> {
  return fetch(`${base}/api/session/team`, {
    method: 'POST',
    headers: { origin: base, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ team }),
    redirect: 'manual',
  });
}

/** The `Cookie` header value of `login` paying as `team`. */
export async function signInAs(login: Login, team: string): Promise<string> {
  const res = await payAs(await signIn(login), team);
  const cookie = res.headers.getSetCookie()[0];
  if (res.status !== 303 || !cookie) throw new Error(`paying as ${team} answered ${res.status}`);
  return cookie.split(';')[0]!;
}
