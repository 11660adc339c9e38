import type Stripe from 'stripe';
import type { Engine, RequestContext } from '../engine';
import { invalidRequest, missingParam, noSuchResource, stateError } from '../errors';
import type { FormParams } from '../form';
import { clientSecretFor, newId } from '../ids';
import { PAGE_PARAMS, paginate, withExpand } from '../list';
import { applyMetadata, bool, int, obj, oneOf, str } from '../params';
import type { Route } from '../route';
import type { SimPaymentIntent, SimPaymentMethod } from '../types';
import { liveCustomer } from './customers';
import { attemptPayment, capturePaymentIntent } from './payment-attempts';
import { paymentMethodFromData, resolvePaymentMethod } from './payment-methods';

/** Stripe's minimum charge is 50 of the smallest unit for most currencies. */
const MINIMUM_AMOUNT = 50;

/** What a create request may carry that the simulator acts on (confirm-time params included, for `confirm: true`). */
const CREATE_IMPLEMENTS = [
  'amount',
  'currency',
  'automatic_payment_methods',
  'capture_method',
  'confirm',
  'customer',
  'description',
  'metadata',
  'off_session',
  'payment_method',
  'payment_method_data',
  'receipt_email',
  'return_url',
  'setup_future_usage',
  'use_stripe_sdk',
];
const CONFIRM_IMPLEMENTS = [
  'off_session',
  'payment_method',
  'payment_method_data',
  'return_url',
  'setup_future_usage',
  'use_stripe_sdk',
];

/**
 * Stripe turns automatic payment methods on for a new PaymentIntent unless told otherwise; `allow_redirects`
 * defaults to `always`.
 */
function automaticPaymentMethods(params: FormParams): Stripe.PaymentIntent.AutomaticPaymentMethods {
  const given = obj(params, 'automatic_payment_methods');
  if (!given) return { allow_redirects: 'always', enabled: true };
  const enabled = bool(given, 'enabled') ?? true;
  const redirects = oneOf(given, 'allow_redirects', ['always', 'never']);
  return enabled ? { allow_redirects: redirects ?? 'always', enabled } : { enabled };
}

export function createPaymentIntent(engine: Engine, params: FormParams): SimPaymentIntent {
  const amount = int(params, 'amount', true)!;
  const currency = str(params, 'currency', true)!.toLowerCase();
  if (amount < MINIMUM_AMOUNT) {
    throw invalidRequest(
      `Amount must be at least ${MINIMUM_AMOUNT} ${currency}`,
      'amount',
      'amount_too_small',
    );
  }
  const customer = str(params, 'customer');
  if (customer) liveCustomer(engine, customer);
  const id = newId('pi');
  const pi = engine.put<SimPaymentIntent>({
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: automaticPaymentMethods(params),
    canceled_at: null,
    cancellation_reason: null,
    capture_method:
      oneOf(params, 'capture_method', ['automatic', 'automatic_async', 'manual']) ?? 'automatic_async',
    client_secret: clientSecretFor(id),
    confirmation_method: 'automatic',
    created: engine.now(),
    currency,
    customer: customer ?? null,
    customer_account: null,
    description: str(params, 'description') ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: applyMetadata({}, params),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: str(params, 'receipt_email') ?? null,
    review: null,
    setup_future_usage: oneOf(params, 'setup_future_usage', ['on_session', 'off_session']) ?? null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_group: null,
  });
  const pmId = str(params, 'payment_method');
  if (pmId) {
    pi.payment_method = resolvePaymentMethod(engine, pmId).id;
    pi.status = 'requires_confirmation';
  }
  engine.emit('payment_intent.created', pi);
  if (bool(params, 'confirm')) {
    return confirmPaymentIntent(engine, pi, {
      ...params,
      payment_method: (pi.payment_method as string | null) ?? '',
    });
  }
  return pi;
}

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

export function confirmPaymentIntent(
  engine: Engine,
  pi: SimPaymentIntent,
  params: FormParams,
): SimPaymentIntent {
  if (!CONFIRMABLE.includes(pi.status)) {
    throw stateError(
      `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
      'payment_intent_unexpected_state',
    );
  }
  const data = obj(params, 'payment_method_data');
  const pmId = str(params, 'payment_method');
  let pm: SimPaymentMethod | undefined;
  if (data) pm = paymentMethodFromData(engine, data);
  else if (pmId) pm = resolvePaymentMethod(engine, pmId);
  else if (pi.payment_method) pm = engine.get('payment_method', pi.payment_method);
  if (!pm) {
    throw stateError(
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with a payment method, pass `payment_method`.",
      'payment_intent_unexpected_state',
    );
  }
  if (pm.customer && pm.customer !== pi.customer) {
    throw invalidRequest(
      pi.customer
        ? 'The provided PaymentMethod belongs to a different customer.'
        : 'The provided PaymentMethod was previously attached to a Customer. To use it with this PaymentIntent, you must also provide the same `customer`.',
      'payment_method',
    );
  }
  const sfu = oneOf(params, 'setup_future_usage', ['on_session', 'off_session']);
  if (sfu) pi.setup_future_usage = sfu;
  return attemptPayment(engine, pi, pm, {
    offSession: bool(params, 'off_session') ?? false,
    // Stripe.js confirms with `use_stripe_sdk` and handles 3-D Secure in the page; a server confirm with a
    // `return_url` gets a redirect the customer's browser follows.
    returnUrl: bool(params, 'use_stripe_sdk') ? undefined : str(params, 'return_url'),
  });
}

/** The PaymentIntent a request may see: with a publishable key, only with its client secret. */
export function visiblePaymentIntent(ctx: RequestContext): SimPaymentIntent {
  const pi = ctx.engine.get('payment_intent', ctx.path.id, 'intent');
  if (ctx.publishable) {
    const secret = str(ctx.params, 'client_secret');
    if (!secret) throw missingParam('client_secret');
    if (secret !== pi.client_secret) throw noSuchResource('payment_intent', pi.id, 'intent');
  }
  return pi;
}

export const paymentIntentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/payment_intents',
    implements: [...CREATE_IMPLEMENTS],
    handler: ({ engine, params }) => withExpand(engine, createPaymentIntent(engine, params), params),
  },
  {
    method: 'GET',
    path: '/v1/payment_intents/:id',
    implements: ['client_secret'],
    publishable: true,
    handler: (ctx) => withExpand(ctx.engine, visiblePaymentIntent(ctx), ctx.params),
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id',
    implements: ['metadata', 'description'],
    handler: ({ engine, params, path }) => {
      const pi = engine.get('payment_intent', path.id, 'intent');
      // Stripe has no payment_intent.updated event: an update is silent.
      pi.metadata = applyMetadata(pi.metadata, params);
      if (params.description !== undefined) pi.description = str(params, 'description') ?? null;
      return withExpand(engine, pi, params);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/confirm',
    implements: [...CONFIRM_IMPLEMENTS, 'client_secret'],
    publishable: true,
    handler: (ctx) => {
      const pi = visiblePaymentIntent(ctx);
      if (ctx.publishable && str(ctx.params, 'off_session')) {
        throw invalidRequest('off_session cannot be used with a publishable key.', 'off_session');
      }
      // A publishable key is Stripe.js, which always confirms with `use_stripe_sdk` (3-D Secure in the page).
      const params = ctx.publishable ? { ...ctx.params, use_stripe_sdk: 'true' } : ctx.params;
      return withExpand(ctx.engine, confirmPaymentIntent(ctx.engine, pi, params), ctx.params);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/capture',
    implements: ['amount_to_capture'],
    handler: ({ engine, params, path }) => {
      const pi = engine.get('payment_intent', path.id, 'intent');
      if (pi.status !== 'requires_capture') {
        throw stateError(
          `This PaymentIntent could not be captured because it has a status of ${pi.status}.`,
          'payment_intent_unexpected_state',
        );
      }
      return withExpand(engine, capturePaymentIntent(engine, pi, int(params, 'amount_to_capture')), params);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/cancel',
    implements: ['cancellation_reason'],
    handler: ({ engine, params, path }) => {
      const pi = engine.get('payment_intent', path.id, 'intent');
      if (pi.status === 'succeeded' || pi.status === 'canceled') {
        throw stateError(
          `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`,
          'payment_intent_unexpected_state',
        );
      }
      pi.status = 'canceled';
      pi.canceled_at = engine.now();
      pi.cancellation_reason =
        oneOf(params, 'cancellation_reason', [
          'duplicate',
          'fraudulent',
          'requested_by_customer',
          'abandoned',
        ]) ?? null;
      pi.next_action = null;
      engine.emit('payment_intent.canceled', pi);
      return withExpand(engine, pi, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_intents',
    implements: ['customer', ...PAGE_PARAMS],
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer');
      const items = engine.all('payment_intent', (pi) => !customer || pi.customer === customer);
      return paginate(engine, items, params, '/v1/payment_intents');
    },
  },
];
