// A Stripe that costs nothing: a custom HttpClient for the real `stripe` SDK that answers every call in
// process with canned but well-formed API objects. The SDK still builds, encodes, signs off and parses each
// request and response, so what is measured is the code around it: ours, or the hand-written peer's.
import Stripe from 'stripe';

export const PRICE = { id: 'price_bench', unitAmount: 1500, currency: 'usd' };

const product = {
  id: 'prod_bench',
  object: 'product',
  active: true,
  name: 'Bench plan',
  description: 'A product for benchmarks',
  created: 1_700_000_000,
  livemode: false,
  metadata: {},
  images: [],
  type: 'service',
  updated: 1_700_000_000,
};

const price = {
  id: PRICE.id,
  object: 'price',
  active: true,
  billing_scheme: 'per_unit',
  created: 1_700_000_000,
  currency: PRICE.currency,
  livemode: false,
  lookup_key: null,
  metadata: {},
  nickname: null,
  product,
  recurring: null,
  tax_behavior: 'unspecified',
  type: 'one_time',
  unit_amount: PRICE.unitAmount,
  unit_amount_decimal: String(PRICE.unitAmount),
};

const customer = {
  id: 'cus_bench',
  object: 'customer',
  balance: 0,
  created: 1_700_000_000,
  currency: null,
  email: null,
  livemode: false,
  metadata: {},
  name: null,
};

const paymentIntent = {
  id: 'pi_bench',
  object: 'payment_intent',
  amount: PRICE.unitAmount,
  amount_capturable: 0,
  amount_received: 0,
  automatic_payment_methods: { enabled: true, allow_redirects: 'always' },
  capture_method: 'automatic',
  client_secret: 'pi_bench_secret_bench',
  confirmation_method: 'automatic',
  created: 1_700_000_000,
  currency: PRICE.currency,
  customer: 'cus_bench',
  livemode: false,
  metadata: {},
  payment_method: null,
  payment_method_types: ['card'],
  setup_future_usage: null,
  status: 'requires_payment_method',
};

// Tollbooth looks a user's customer up in Stripe once (then caches it); the bench's users have none yet.
const noCustomers = {
  object: 'search_result',
  data: [],
  has_more: false,
  next_page: null,
  url: '/v1/customers/search',
};

const ROUTES = [
  [/^GET \/v1\/prices\/[^/?]+/, JSON.stringify(price)],
  [/^GET \/v1\/customers\/search/, JSON.stringify(noCustomers)],
  [/^POST \/v1\/customers$/, JSON.stringify(customer)],
  [/^POST \/v1\/payment_intents$/, JSON.stringify(paymentIntent)],
];
const NOT_FOUND = JSON.stringify({ error: { type: 'invalid_request_error', message: 'No such route' } });

class CannedResponse extends Stripe.HttpClientResponse {
  constructor(status, body) {
    super(status, { 'content-type': 'application/json', 'request-id': 'req_bench' });
    this.body = body;
  }
  /** Stands for the transport's response object: the SDK hangs the status and headers on it. */
  getRawResponse() {
    return {};
  }
  toStream() {
    throw new Error('zero-cost Stripe: streams are not served');
  }
  toJSON() {
    return Promise.resolve(this._parseResponseBody(this.body));
  }
}

class ZeroCostHttpClient extends Stripe.HttpClient {
  /** Counts the calls per route, so a bench can check both sides made the same Stripe calls. */
  calls = new Map();
  getClientName() {
    return 'zero-cost';
  }
  makeRequest(_host, _port, path, method) {
    const line = `${method} ${path}`;
    const route = ROUTES.find(([pattern]) => pattern.test(line));
    const key = route ? route[0].source : 'unknown';
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    return Promise.resolve(route ? new CannedResponse(200, route[1]) : new CannedResponse(404, NOT_FOUND));
  }
}

/** A real `Stripe` instance on the zero-cost client; `httpClient.calls` counts what it was asked. */
export function zeroCostStripe() {
  const httpClient = new ZeroCostHttpClient();
  const stripe = new Stripe('sk_test_bench', { httpClient, maxNetworkRetries: 0, telemetry: false });
  return { stripe, httpClient };
}
