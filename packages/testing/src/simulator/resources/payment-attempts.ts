import type Stripe from 'stripe';
import { behaviourOf } from '../cards';
import type { Engine } from '../engine';
import { invalidRequest, SimulatorError, stateError } from '../errors';
import { newId } from '../ids';
import type { SimPaymentIntent, SimPaymentMethod } from '../types';
import { createCharge } from './charges';
import { attachPaymentMethod, cardSecrets } from './payment-methods';

// What happens when a card meets a PaymentIntent: the issuer's answer, 3-D Secure, the charge and the events.

/** Why a card attempt failed, in Stripe's error vocabulary (a decline, or a request error such as a missing param). */
export interface CardFailure {
  code: string;
  message: string;
  decline_code?: string;
  param?: string;
  type?: 'card_error' | 'invalid_request_error';
}

/** The current object as Stripe embeds it in errors and events (a snapshot, not the live record). */
const snapshot = <T>(value: T): T => structuredClone(value);

function fail(
  engine: Engine,
  pi: SimPaymentIntent,
  pm: SimPaymentMethod,
  error: CardFailure,
): SimulatorError {
  const type = error.type ?? 'card_error';
  const charge =
    type === 'card_error'
      ? createCharge(engine, pi, pm, {
          code: error.code,
          message: error.message,
          declineCode: error.decline_code,
        })
      : null;
  pi.latest_charge = charge?.id ?? pi.latest_charge;
  const failedWith = snapshot(pm);
  pi.status = 'requires_payment_method';
  pi.payment_method = null;
  pi.next_action = null;
  pi.last_payment_error = {
    type,
    code: error.code,
    decline_code: error.decline_code,
    message: error.message,
    param: error.param,
    charge: charge?.id,
    payment_method: failedWith,
    payment_method_type: 'card',
    doc_url: `https://docs.stripe.com/error-codes/${error.code.replace(/_/g, '-')}`,
  };
  engine.emit('payment_intent.payment_failed', pi);
  return new SimulatorError(type === 'card_error' ? 402 : 400, {
    type,
    code: error.code,
    decline_code: error.decline_code,
    message: error.message,
    param: error.param,
    charge: charge?.id,
    payment_intent: snapshot(pi),
    payment_method: failedWith,
  });
}

/** Marks the payment as paid: charge, saved card when asked, events. */
export function succeedPaymentIntent(
  engine: Engine,
  pi: SimPaymentIntent,
  pm: SimPaymentMethod,
): SimPaymentIntent {
  if (pi.setup_future_usage && pi.customer) {
    if (!pm.customer) attachPaymentMethod(engine, pm, pi.customer as string);
    cardSecrets(engine, pm).setUpOffSession = true;
  }
  pi.payment_method = pm.id;
  pi.next_action = null;
  pi.last_payment_error = null;
  if (pi.capture_method === 'manual') {
    // The card is authorised now (an uncaptured charge), captured later by `capture`.
    pi.latest_charge = createCharge(engine, pi, pm, { uncaptured: true }).id;
    pi.status = 'requires_capture';
    pi.amount_capturable = pi.amount;
    engine.emit('payment_intent.amount_capturable_updated', pi);
    return pi;
  }
  pi.latest_charge = createCharge(engine, pi, pm).id;
  pi.status = 'succeeded';
  pi.amount_received = pi.amount;
  engine.emit('payment_intent.succeeded', pi);
  for (const listener of engine.paymentSucceeded) listener(pi.id);
  return pi;
}

/**
 * Captures an authorised PaymentIntent: all of it, or `amountToCapture` (the rest of the authorisation is
 * released, as Stripe does for a partial capture).
 */
export function capturePaymentIntent(
  engine: Engine,
  pi: SimPaymentIntent,
  amountToCapture = pi.amount_capturable,
): SimPaymentIntent {
  if (pi.status !== 'requires_capture') {
    throw stateError(
      `This PaymentIntent could not be captured because it has a status of ${pi.status}.`,
      'payment_intent_unexpected_state',
    );
  }
  if (amountToCapture < 1 || amountToCapture > pi.amount_capturable) {
    throw invalidRequest(
      `The amount_to_capture must be greater than zero and at most the amount capturable (${pi.amount_capturable}).`,
      'amount_to_capture',
      'amount_too_large',
    );
  }
  const charge = engine.get('charge', pi.latest_charge);
  const previous = { amount_captured: charge.amount_captured, captured: charge.captured };
  charge.amount_captured = amountToCapture;
  charge.captured = true;
  charge.balance_transaction = newId('txn');
  engine.emit('charge.captured', charge, previous);
  pi.amount_capturable = 0;
  pi.amount_received = amountToCapture;
  pi.status = 'succeeded';
  engine.emit('payment_intent.succeeded', pi);
  for (const listener of engine.paymentSucceeded) listener(pi.id);
  return pi;
}

/** Runs a payment attempt with a card, as the issuer and 3-D Secure would answer it. Throws 402 on a decline. */
export function attemptPayment(
  engine: Engine,
  pi: SimPaymentIntent,
  pm: SimPaymentMethod,
  options: { offSession?: boolean; returnUrl?: string } = {},
): SimPaymentIntent {
  const behaviour = behaviourOf(cardSecrets(engine, pm).number);
  if (behaviour.kind === 'decline') {
    throw fail(engine, pi, pm, {
      code: behaviour.code,
      decline_code: behaviour.declineCode,
      message: behaviour.message,
      param: behaviour.param,
    });
  }
  const needsAuth =
    behaviour.kind === 'authenticate_always' ||
    (behaviour.kind === 'authenticate_unless_setup' && !cardSecrets(engine, pm).setUpOffSession);
  if (needsAuth && options.offSession) {
    throw fail(engine, pi, pm, {
      code: 'authentication_required',
      decline_code: 'authentication_required',
      message: 'Your card was declined. This transaction requires authentication.',
    });
  }
  if (needsAuth) {
    pi.payment_method = pm.id;
    pi.status = 'requires_action';
    pi.next_action = options.returnUrl
      ? redirectAction(engine, pi, options.returnUrl)
      : threeDSecureAction(engine, pi.id);
    engine.emit('payment_intent.requires_action', pi);
    return pi;
  }
  return succeedPaymentIntent(engine, pi, pm);
}

/**
 * The challenge as Stripe.js receives it: `use_stripe_sdk`, whose content Stripe documents as opaque. The same
 * shape serves PaymentIntents and SetupIntents.
 */
export function threeDSecureAction(
  engine: Engine,
  intentId: string,
): Stripe.PaymentIntent.NextAction & Stripe.SetupIntent.NextAction {
  return {
    type: 'use_stripe_sdk',
    use_stripe_sdk: {
      type: 'three_d_secure_redirect',
      stripe_js: `${engine.baseUrl()}/_simulator/3ds/${intentId}`,
      source: newId('src'),
    },
  };
}

/**
 * The challenge for a confirm that gave a `return_url`: a page to send the customer to, then back. Its URL
 * carries the client secret, as Stripe's does (see three-d-secure-redirect.ts).
 */
function redirectAction(
  engine: Engine,
  pi: SimPaymentIntent,
  returnUrl: string,
): Stripe.PaymentIntent.NextAction {
  const secret = encodeURIComponent(pi.client_secret ?? '');
  return {
    type: 'redirect_to_url',
    redirect_to_url: {
      return_url: returnUrl,
      url: `${engine.baseUrl()}/_simulator/3ds/${pi.id}?client_secret=${secret}`,
    },
  };
}

/** Finishes a 3-D Secure challenge for a PaymentIntent (`POST /_simulator/3ds/:id`). */
export function completePaymentAuthentication(engine: Engine, pi: SimPaymentIntent, succeed: boolean) {
  if (pi.status !== 'requires_action' || !pi.payment_method) {
    throw stateError(`This PaymentIntent has a status of ${pi.status}; no authentication is pending.`);
  }
  const pm = engine.get('payment_method', pi.payment_method);
  if (succeed) {
    cardSecrets(engine, pm).setUpOffSession ||= pi.setup_future_usage === 'off_session';
    return succeedPaymentIntent(engine, pi, pm);
  }
  try {
    fail(engine, pi, pm, {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      message:
        'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
    });
  } catch {
    // fail() returns the error for API callers; the challenge page only needs the updated intent.
  }
  return pi;
}
