import type Stripe from 'stripe';
import { ACCEPTS } from '../accepted-params';
import type { Engine, RequestContext } from '../engine';
import { invalidRequest, missingParam, noSuchResource, stateError } from '../errors';
import type { FormParams } from '../form';
import { clientSecretFor, newId } from '../ids';
import { paginate, withExpand } from '../list';
import { applyMetadata, bool, int, obj, oneOf, str } from '../params';
import type { Route } from '../route';
import type { SimPaymentIntent, SimPaymentMethod } from '../types';
import { liveCustomer } from './customers';
import { attemptPayment, succeedPaymentIntent } from './payment-attempts';
import { paymentMethodFromData, resolvePaymentMethod } from './payment-methods';

/** Stripe's minimum charge is 50 of the smallest unit for most currencies. */
const MINIMUM_AMOUNT = 50;

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
  const automatic = obj(params, 'automatic_payment_methods');
  const id = newId('pi');
  const pi = engine.put<SimPaymentIntent>({
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_received: 0,
    automatic_payment_methods: automatic
      ? { allow_redirects: 'always', enabled: bool(automatic, 'enabled') ?? false }
      : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method:
      oneOf(params, 'capture_method', ['automatic', 'automatic_async', 'manual']) ?? 'automatic_async',
    client_secret: clientSecretFor(id),
    confirmation_method: 'automatic',
    created: engine.now(),
    currency,
    customer: customer ?? null,
    description: str(params, 'description') ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: applyMetadata({}, params),
    next_action: null,
    payment_method: null,
    payment_method_types: ['card'],
    receipt_email: str(params, 'receipt_email') ?? null,
    setup_future_usage: oneOf(params, 'setup_future_usage', ['on_session', 'off_session']) ?? null,
    shipping: null,
    statement_descriptor: null,
    status: 'requires_payment_method',
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
  else if (pi.payment_method)
    pm = engine.get<SimPaymentMethod>('payment_method', pi.payment_method, 'PaymentMethod');
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
  return attemptPayment(engine, pi, pm, { offSession: bool(params, 'off_session') ?? false });
}

/** The PaymentIntent a request may see: with a publishable key, only with its client secret. */
export function visiblePaymentIntent(ctx: RequestContext): SimPaymentIntent {
  const pi = ctx.engine.get<SimPaymentIntent>('payment_intent', ctx.path.id, 'payment_intent', 'intent');
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
    accepts: ACCEPTS.paymentIntentCreate,
    handler: ({ engine, params }) => withExpand(engine, createPaymentIntent(engine, params), params),
  },
  {
    method: 'GET',
    path: '/v1/payment_intents/:id',
    accepts: ACCEPTS.paymentIntentRetrieve,
    publishable: true,
    handler: (ctx) => withExpand(ctx.engine, visiblePaymentIntent(ctx), ctx.params),
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id',
    accepts: ACCEPTS.paymentIntentUpdate,
    handler: ({ engine, params, path }) => {
      const pi = engine.get<SimPaymentIntent>('payment_intent', path.id, 'payment_intent', 'intent');
      const previous = { metadata: structuredClone(pi.metadata) };
      pi.metadata = applyMetadata(pi.metadata, params);
      if (params.description !== undefined) pi.description = str(params, 'description') ?? null;
      engine.emit('payment_intent.updated', pi, previous);
      return withExpand(engine, pi, params);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/confirm',
    accepts: ACCEPTS.paymentIntentConfirm,
    publishable: true,
    handler: (ctx) => {
      const pi = visiblePaymentIntent(ctx);
      if (ctx.publishable && str(ctx.params, 'off_session')) {
        throw invalidRequest('off_session cannot be used with a publishable key.', 'off_session');
      }
      return withExpand(ctx.engine, confirmPaymentIntent(ctx.engine, pi, ctx.params), ctx.params);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/capture',
    accepts: ACCEPTS.paymentIntentCapture,
    handler: ({ engine, params, path }) => {
      const pi = engine.get<SimPaymentIntent>('payment_intent', path.id, 'payment_intent', 'intent');
      if (pi.status !== 'requires_capture') {
        throw stateError(
          `This PaymentIntent could not be captured because it has a status of ${pi.status}.`,
          'payment_intent_unexpected_state',
        );
      }
      const pm = engine.get<SimPaymentMethod>('payment_method', pi.payment_method, 'PaymentMethod');
      pi.capture_method = 'automatic';
      pi.amount_capturable = 0;
      return withExpand(engine, succeedPaymentIntent(engine, pi, pm), params);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/cancel',
    accepts: ACCEPTS.paymentIntentCancel,
    handler: ({ engine, params, path }) => {
      const pi = engine.get<SimPaymentIntent>('payment_intent', path.id, 'payment_intent', 'intent');
      if (pi.status === 'succeeded' || pi.status === 'canceled') {
        throw stateError(
          `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`,
          'payment_intent_unexpected_state',
        );
      }
      pi.status = 'canceled';
      pi.canceled_at = engine.now();
      pi.cancellation_reason = (oneOf(params, 'cancellation_reason', [
        'duplicate',
        'fraudulent',
        'requested_by_customer',
        'abandoned',
      ]) ?? null) as Stripe.PaymentIntent.CancellationReason | null;
      pi.next_action = null;
      engine.emit('payment_intent.canceled', pi);
      return withExpand(engine, pi, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_intents',
    accepts: ACCEPTS.paymentIntentList,
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer');
      const items = engine.all<SimPaymentIntent>(
        'payment_intent',
        (pi) => !customer || pi.customer === customer,
      );
      return paginate(engine, items, params, '/v1/payment_intents');
    },
  },
];
