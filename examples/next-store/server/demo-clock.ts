import type Stripe from 'stripe';
import type { StoreMode } from './env';

// The demo's "advance the clock" control. Stripe only moves billing time for customers made on a test clock,
// and Tollbooth makes customers itself: offline, the demo's Stripe client puts each new customer on its own
// test clock (as Stripe allows a few customers per clock, one each keeps users apart). Never with real keys.

type Fetch = typeof fetch;

/** A month and a day: past the period end, and past the hour Stripe waits before it charges a renewal. */
export function oneMonthLater(seconds: number): number {
  const date = new Date(seconds * 1000);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return Math.floor(date.getTime() / 1000) + 24 * 3600;
}

/**
 * `fetch` for the simulator's Stripe client: a `POST /v1/customers` without a `test_clock` first makes a clock
 * frozen at now and creates the customer on it. A retry with the same idempotency key reuses that clock, so
 * the replayed request is the same request.
 */
export function clockedFetch(base: Fetch = fetch): Fetch {
  const clocks = new Map<string, Promise<string>>();
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = typeof init?.body === 'string' ? init.body : null;
    if (init?.method !== 'POST' || url.pathname !== '/v1/customers' || body === null)
      return base(input, init);
    if (new URLSearchParams(body).has('test_clock')) return base(input, init);
    const headers = new Headers(init.headers);
    const key = headers.get('idempotency-key') ?? crypto.randomUUID();
    let clock = clocks.get(key);
    if (!clock) {
      clock = newClock(base, url, headers, key);
      clocks.set(key, clock);
      clock.catch(() => clocks.delete(key));
    }
    const withClock = new URLSearchParams(body);
    withClock.set('test_clock', await clock);
    headers.delete('content-length'); // stripe-node counted the body without the clock
    return base(input, { ...init, headers, body: withClock.toString() });
  };
}

async function newClock(base: Fetch, customers: URL, from: Headers, key: string): Promise<string> {
  const headers = new Headers({
    authorization: from.get('authorization') ?? '',
    'content-type': 'application/x-www-form-urlencoded',
    'idempotency-key': `demo-clock-${key}`,
  });
  const res = await base(new URL('/v1/test_helpers/test_clocks', customers), {
    method: 'POST',
    headers,
    body: new URLSearchParams({
      frozen_time: String(Math.floor(Date.now() / 1000)),
      name: 'next-store demo',
    }).toString(),
  });
  const clock = (await res.json()) as { id?: string; error?: { message?: string } };
  if (!res.ok || !clock.id)
    throw new Error(`next-store: no test clock: ${clock.error?.message ?? res.status}`);
  return clock.id;
}

/** What pressing the control did. */
export type AdvanceResult =
  | { kind: 'advanced'; clock: string; frozenTime: number }
  | { kind: 'refused'; status: 404 | 409; message: string };

/**
 * Moves the test clock of the subscription `subscriptionId`'s customer on by a month; the simulator then bills
 * what falls due in between and sends the webhooks. Refused (with no Stripe call) unless the demo is offline.
 */
export async function advanceDemoClock(
  mode: StoreMode,
  stripe: Stripe,
  subscriptionId: string | null,
): Promise<AdvanceResult> {
  if (mode.kind !== 'simulator') {
    return { kind: 'refused', status: 404, message: 'The demo clock only exists on the offline simulator.' };
  }
  if (!subscriptionId) return { kind: 'refused', status: 409, message: 'No subscription to advance.' };
  const subscription = await stripe.subscriptions.retrieve(subscriptionId);
  const customer = await stripe.customers.retrieve(
    typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id,
  );
  const clockId = customer.deleted ? null : customer.test_clock;
  const id = typeof clockId === 'string' ? clockId : clockId?.id;
  if (!id) return { kind: 'refused', status: 409, message: 'This customer is not on a test clock.' };
  const clock = await stripe.testHelpers.testClocks.retrieve(id);
  const frozenTime = oneMonthLater(clock.frozen_time);
  await stripe.testHelpers.testClocks.advance(id, { frozen_time: frozenTime });
  return { kind: 'advanced', clock: id, frozenTime };
}
