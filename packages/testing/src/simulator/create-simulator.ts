import type Stripe from 'stripe';
import { handleBrowser } from './browser';
import { Engine } from './engine';
import { type FaultSpec, Faults } from './faults';
import { IdempotencyStore } from './idempotency';
import { DROPPED, type ListeningSimulator, listen } from './node-server';
import type { PageBranding } from './pages';
import { configureRetries, type RetrySettings } from './resources/billing-cycle';
import { billingPortalRoutes } from './resources/billing-portal';
import { chargeRoutes } from './resources/charges';
import { type CompleteCheckoutOptions, completeCheckoutSession } from './resources/checkout-complete';
import { checkoutSessionRoutes } from './resources/checkout-sessions';
import { couponRoutes } from './resources/coupons';
import { customerSearchRoutes, registerCustomerSearch } from './resources/customer-search';
import { customerRoutes } from './resources/customers';
import { eventRoutes } from './resources/events';
import { invoicePayRoutes } from './resources/invoice-pay';
import { invoicePreviewRoutes } from './resources/invoice-preview';
import { invoiceRoutes } from './resources/invoice-routes';
import { invoiceVoidRoutes } from './resources/invoice-void';
import { completePaymentAuthentication } from './resources/payment-attempts';
import { paymentIntentRoutes } from './resources/payment-intents';
import { paymentMethodRoutes } from './resources/payment-methods';
import { createPrice, type PriceSeed, priceRoutes } from './resources/prices';
import { createProduct, type ProductSeed, productRoutes } from './resources/products';
import { refundRoutes } from './resources/refunds';
import { renewSubscription } from './resources/renewals';
import { completeSetupAuthentication, setupIntentRoutes } from './resources/setup-intents';
import { subscriptionRoutes } from './resources/subscription-routes';
import { subscriptionScheduleRoutes } from './resources/subscription-schedule-routes';
import { registerSubscriptionHooks } from './resources/subscriptions';
import { testClockRoutes } from './resources/test-clocks';
import { CORS_HEADERS, handleApi, json, type SimulatorRequest } from './router';
import type { SimCheckoutSession } from './types';
import { type WebhookDelivery, WebhookDispatcher, type WebhookOptions } from './webhooks';

/** The API version the simulator speaks (stripe 23.1.0's pinned version). */
export const SIMULATOR_API_VERSION = '2026-10-28.endive';

/** Options for {@link createStripeSimulator}. */
export interface StripeSimulatorOptions {
  /** The prices that exist from the start (and after `reset()`). @default [] */
  prices?: PriceSeed[];
  /** Products for those prices; a price whose product is not listed gets one named after its id. @default [] */
  products?: ProductSeed[];
  /** Deliver signed events to this endpoint. @default undefined (events are only stored) */
  webhook?: WebhookOptions;
  /** Public origin used in hosted `url` fields; `listen()` sets it when not given. @default 'https://stripe-simulator.test' */
  baseUrl?: string;
  /** The clock, in milliseconds; inject one to control `created` and subscription periods. @default Date.now */
  now?: () => number;
  /**
   * The account's name and brand colour on the hosted pages (Checkout, portal, invoices), as set in Stripe's
   * Dashboard. @default { name: 'Test business', primaryColor: '#635bff' }
   */
  branding?: PageBranding;
  /**
   * Seconds before a created or updated customer shows in `customers.search`, on the `now` clock: Stripe's
   * search is eventually consistent ("under a minute"; usually about a second). @default 1
   */
  searchDelaySeconds?: number;
  /** How failed renewal payments are retried on test clocks (see `RetrySettings`). @default Stripe's defaults */
  retries?: RetrySettings;
  /**
   * Refuse (400 `parameter_unimplemented`) any param Stripe accepts but the simulator would ignore, instead of
   * only recording it on `sim.requests[n].unimplemented`: a test then cannot pass on behaviour the simulator
   * does not have. @default false
   */
  strict?: boolean;
}

/** The in-memory Stripe. See the package README for the full tour. */
export interface StripeSimulator {
  /** The public origin of hosted pages (`session.url`, `portal.url`). */
  readonly baseUrl: string;
  /** Serves one request (Web APIs only): `/v1/*`, `/_simulator/*`, CORS preflights. */
  fetch(request: Request): Promise<Response>;
  /** Serves the simulator on 127.0.0.1 (`port` 0 or omitted = any free port). */
  listen(port?: number): Promise<ListeningSimulator>;
  /** Every `/v1` request received, in order. */
  readonly requests: SimulatorRequest[];
  /** Back to the configured products and prices: no other objects, no requests, faults or queued webhooks. */
  reset(): void;
  /**
   * Pays an open Checkout Session as the hosted page does. A decline or failed 3-D Secure throws a
   * `SimulatorError` (`status` 402/400, `body` = Stripe's error) and leaves the session open.
   */
  completeCheckoutSession(id: string, options?: CompleteCheckoutOptions): Stripe.Checkout.Session;
  /** Ends the subscription's current period: cancels it (if set to), or bills the next period (`past_due` on failure). */
  renewSubscription(id: string): Stripe.Subscription;
  /** Answers a pending 3-D Secure challenge for a PaymentIntent or SetupIntent. */
  authenticate(intentId: string, outcome: 'succeed' | 'fail'): Stripe.PaymentIntent | Stripe.SetupIntent;
  /** A stored object by id (a copy), or undefined. */
  retrieve<T = unknown>(id: string): T | undefined;
  /** Every event so far, oldest first. */
  readonly events: Stripe.Event[];
  readonly webhooks: {
    /** Delivers an event (again) now, plus `duplicate` extra copies; resolves when all attempts finished. */
    deliver(eventId: string, options?: { duplicate?: number }): Promise<void>;
    /** Resolves when every delivery in flight, retries included, has finished. */
    flush(): Promise<void>;
    /** Queues new events instead of delivering them. */
    hold(): void;
    /** Delivers the queued events (newest first with `reverse`) and resumes delivery. */
    release(options?: { reverse?: boolean }): Promise<void>;
    /** Events held by `hold()` (or `autoDeliver: false`). */
    readonly queued: readonly Stripe.Event[];
    /** Every delivery attempt so far. */
    readonly deliveries: readonly WebhookDelivery[];
  };
  readonly faults: {
    /** Makes the next `times` requests matching `path` (and `method`) fail, drop or wait. */
    inject(spec: FaultSpec): void;
    clear(): void;
    /** Faults not used up yet. */
    readonly pending: readonly FaultSpec[];
  };
}

/** Every route the simulator serves (the conformance suite walks it). */
export const routes = [
  ...productRoutes,
  ...priceRoutes,
  ...customerSearchRoutes,
  ...customerRoutes,
  ...paymentMethodRoutes,
  ...paymentIntentRoutes,
  ...setupIntentRoutes,
  ...chargeRoutes,
  ...refundRoutes,
  ...checkoutSessionRoutes,
  ...billingPortalRoutes,
  ...subscriptionRoutes,
  ...invoicePreviewRoutes,
  ...invoicePayRoutes,
  ...invoiceRoutes,
  ...invoiceVoidRoutes,
  ...eventRoutes,
  ...testClockRoutes,
  ...couponRoutes,
  ...subscriptionScheduleRoutes,
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createStripeSimulator(options: StripeSimulatorOptions = {}): StripeSimulator {
  let baseUrl = (options.baseUrl ?? 'https://stripe-simulator.test').replace(/\/+$/, '');
  const explicitBase = options.baseUrl !== undefined;
  let dispatcher: WebhookDispatcher;
  const engine = new Engine({
    baseUrl: () => baseUrl,
    now: options.now ?? Date.now,
    apiVersion: SIMULATOR_API_VERSION,
    onEvent: (event) => dispatcher.enqueue(event),
  });
  dispatcher = new WebhookDispatcher(options.webhook, (id) => engine.find('event', id));
  registerSubscriptionHooks(engine);
  registerCustomerSearch(engine, options.searchDelaySeconds ?? 1);
  configureRetries(engine, options.retries);
  const idempotency = new IdempotencyStore();
  const requests: SimulatorRequest[] = [];
  const faults = new Faults();
  const inFlight = new Set<string>();

  const seed = () => {
    for (const product of options.products ?? []) createProduct(engine, product);
    for (const price of options.prices ?? []) {
      if (!engine.find('product', price.product))
        createProduct(engine, { id: price.product, name: price.product });
      createPrice(engine, price);
    }
  };
  seed();

  /** Applies the first matching injected fault: a drop, a delay (then normal handling) or an error status. */
  const applyFault = async (method: string, path: string) => {
    const fault = faults.take(method, path);
    if (!fault) return undefined;
    if ('drop' in fault) return DROPPED;
    if ('delayMs' in fault) {
      await sleep(fault.delayMs);
      return undefined;
    }
    const body =
      fault.status === 429
        ? {
            type: 'invalid_request_error',
            code: 'rate_limit',
            message: 'Too many requests hit the API too quickly.',
          }
        : { type: 'api_error', message: 'An unknown error occurred (injected by the simulator).' };
    return json(fault.status, { error: body }, { 'request-id': `req_fault${Date.now()}` });
  };

  const dispatch = async (request: Request): Promise<Response | typeof DROPPED> => {
    const url = new URL(request.url);
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS_HEADERS });
    if (url.pathname.startsWith('/v1/')) {
      const deps = {
        engine,
        routes,
        idempotency,
        requests,
        apiVersion: SIMULATOR_API_VERSION,
        fault: applyFault,
        inFlight,
        strict: options.strict ?? false,
      };
      return handleApi(deps, request, url);
    }
    const faulted = await applyFault(request.method.toUpperCase(), url.pathname);
    if (faulted) return faulted;
    if (url.pathname.startsWith('/_simulator/')) return handleBrowser(engine, request, url, options.branding);
    return json(404, {
      error: {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${request.method}: ${url.pathname}).`,
      },
    });
  };

  return {
    get baseUrl() {
      return baseUrl;
    },
    async fetch(request) {
      const response = await dispatch(request);
      if (response === DROPPED) throw new TypeError('fetch failed: the simulator dropped the connection');
      return response;
    },
    listen: (port = 0) =>
      listen(dispatch, port, (origin) => {
        if (!explicitBase) baseUrl = origin;
      }),
    requests,
    reset() {
      engine.clear();
      idempotency.clear();
      faults.clear();
      dispatcher.reset();
      requests.length = 0;
      seed();
    },
    completeCheckoutSession: (id, checkout) => structuredClone(completeCheckoutSession(engine, id, checkout)),
    renewSubscription: (id) =>
      structuredClone(renewSubscription(engine, id)) as unknown as Stripe.Subscription,
    authenticate(intentId, outcome) {
      const result = intentId.startsWith('seti_')
        ? completeSetupAuthentication(engine, engine.get('setup_intent', intentId), outcome === 'succeed')
        : completePaymentAuthentication(
            engine,
            engine.get('payment_intent', intentId),
            outcome === 'succeed',
          );
      return structuredClone(result);
    },
    retrieve<T>(id: string) {
      const found = engine.objects.get(id);
      return found ? (structuredClone(found) as T) : undefined;
    },
    get events() {
      return engine.all('event').reverse();
    },
    webhooks: {
      deliver: (id, deliverOptions) => dispatcher.deliver(id, deliverOptions),
      flush: () => dispatcher.flush(),
      hold: () => dispatcher.hold(),
      release: (releaseOptions) => dispatcher.release(releaseOptions),
      get queued() {
        return dispatcher.queued;
      },
      get deliveries() {
        return dispatcher.deliveries;
      },
    },
    faults: {
      inject: (spec) => faults.inject(spec),
      clear: () => faults.clear(),
      get pending() {
        return faults.pending;
      },
    },
  };
}

export type { SimCheckoutSession };
