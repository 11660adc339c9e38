import type { Engine } from '../engine';
import { SimulatorError, stateError } from '../errors';
import { str } from '../params';
import type { SimCheckoutSession, SimPaymentIntent } from '../types';
import { type CheckoutDetailsInput, collectedDetails, pickSavedCard } from './checkout-collection';
import { checkoutDiscounts, checkoutTrial } from './checkout-discounts';
import { sessionSecrets } from './checkout-sessions';
import { atCustomerTime } from './clock-time';
import { redeemDiscounts } from './coupons';
import { createCustomer } from './customers';
import { invoicePaymentIntent } from './invoices';
import { attemptPayment, completePaymentAuthentication } from './payment-attempts';
import { createPaymentIntent } from './payment-intents';
import { type CardInput, createCardPaymentMethod } from './payment-methods';
import { completeSetupAuthentication, confirmSetupIntent, createSetupIntent } from './setup-intents';
import { createSubscription } from './subscriptions';

/** How a checkout payment is made: a test card and, for 3-D Secure cards, the challenge's answer. */
export interface CompleteCheckoutOptions extends CheckoutDetailsInput {
  /** One of the customer's saved cards the page offers, instead of a new `card`. @default a new card */
  paymentMethod?: string;
  /** A test card number. @default '4242424242424242' */
  card?: string;
  /** @default 12 */
  exp_month?: number;
  /** Four digits, or two (20xx). @default three years from now */
  exp_year?: number;
  /** Checked for format only (3–4 digits). @default none */
  cvc?: string;
  /** Stored on the card's billing address. @default none */
  postal_code?: string;
  /** The new customer's email when the session creates one. @default the session's `customer_email` */
  email?: string;
  /** How a 3-D Secure challenge is answered on the hosted page. @default 'succeed' */
  threeDSecure?: 'succeed' | 'fail';
  /** A promotion code the customer types in (the session needs `allow_promotion_codes`). @default none */
  promotionCode?: string;
}

function ensureCustomer(
  engine: Engine,
  session: SimCheckoutSession,
  email: string | undefined,
): string | null {
  if (session.customer) return session.customer as string;
  const needed = session.mode === 'subscription' || session.customer_creation === 'always';
  if (!needed) return null;
  const customer = createCustomer(engine, { email: session.customer_email ?? email ?? '' });
  return customer.id;
}

function answerChallenge(engine: Engine, pi: SimPaymentIntent, outcome: 'succeed' | 'fail'): void {
  if (pi.status !== 'requires_action') return;
  completePaymentAuthentication(engine, pi, outcome === 'succeed');
  if (pi.status !== 'succeeded') {
    throw stateError(
      'The provided PaymentMethod has failed authentication.',
      'payment_intent_authentication_failure',
    );
  }
}

/**
 * Pays an open Checkout Session the way the hosted page does. Payment mode: a succeeded PaymentIntent;
 * subscription mode: customer, subscription and a paid invoice; setup mode: a succeeded SetupIntent with the card
 * attached. A declined card throws Stripe's 402 error and leaves the session open.
 */
export function completeCheckoutSession(
  engine: Engine,
  sessionId: string,
  options: CompleteCheckoutOptions = {},
): SimCheckoutSession {
  const session = engine.get('checkout.session', sessionId, 'session');
  if (session.status !== 'open') {
    throw stateError(
      `This Checkout Session is ${session.status} and can no longer be paid.`,
      'checkout_session_unexpected_state',
    );
  }
  const secrets = sessionSecrets(engine, session.id);
  const card: CardInput = {
    number: (options.card ?? '4242424242424242').replace(/\s+/g, ''),
    exp_month: options.exp_month,
    exp_year: options.exp_year,
    cvc: options.cvc,
    postal_code: options.postal_code,
    email: options.email,
  };
  const challenge = options.threeDSecure ?? 'succeed';
  // What the page asked for is checked before any card is touched: a missing address charges nothing.
  const details = collectedDetails(session, options);
  const pm = options.paymentMethod
    ? pickSavedCard(engine, session, options.paymentMethod)
    : createCardPaymentMethod(engine, card);
  const customerId = ensureCustomer(engine, session, options.email);
  const discounts = checkoutDiscounts(
    engine,
    secrets.promotions,
    secrets.lineItems,
    options.promotionCode,
    customerId ?? '',
  );
  if (options.promotionCode !== undefined) {
    session.amount_total = secrets.lineItems.reduce((sum, item) => sum + item.amount_total, 0);
  }
  if (session.mode === 'payment') {
    const data = secrets.paymentIntentData;
    const pi = createPaymentIntent(engine, {
      amount: String(session.amount_total ?? 0),
      currency: session.currency ?? 'usd',
      ...(customerId ? { customer: customerId } : {}),
      metadata: data.metadata ?? {},
      ...(str(data, 'setup_future_usage') ? { setup_future_usage: data.setup_future_usage! } : {}),
      ...(str(data, 'description') ? { description: data.description! } : {}),
    });
    attemptPayment(engine, pi, pm);
    answerChallenge(engine, pi, challenge);
    session.payment_intent = pi.id;
    session.payment_status = 'paid';
    redeemDiscounts(engine, discounts, {
      customer: customerId ?? '',
      checkoutSession: session.id,
      currency: pi.currency,
    });
  } else if (session.mode === 'subscription') {
    // A customer on a test clock subscribes at the clock's time, so its periods follow the clock.
    const subscription = atCustomerTime(engine, customerId, () =>
      createSubscription(engine, {
        customer: customerId!,
        items: secrets.lineItems
          .filter((item) => item.price?.recurring)
          .map((item) => ({ price: item.price!.id, quantity: item.quantity ?? 1 })),
        paymentMethod: pm,
        paymentBehavior: 'allow_incomplete',
        metadata: (secrets.subscriptionData.metadata ?? {}) as Record<string, string>,
        discounts,
        ...checkoutTrial(secrets.subscriptionData),
      }),
    );
    const invoice = engine.get('invoice', subscription.latest_invoice);
    const piId = invoicePaymentIntent(engine, invoice.id);
    const pi = piId ? engine.get('payment_intent', piId) : undefined;
    if (pi && pi.status === 'requires_action') {
      try {
        answerChallenge(engine, pi, challenge);
      } catch (error) {
        engine.delete(subscription.id);
        throw error;
      }
    }
    if (subscription.status !== 'active' && subscription.status !== 'trialing') {
      // The card was declined: Checkout shows the error and keeps the session open; the attempt is discarded.
      const error = pi?.last_payment_error;
      engine.delete(subscription.id);
      throw new SimulatorError(402, {
        type: 'card_error',
        code: error?.code ?? 'card_declined',
        decline_code: error?.decline_code,
        message: error?.message ?? 'Your card was declined.',
      });
    }
    session.subscription = subscription.id;
    session.invoice = invoice.id;
    session.payment_status = 'paid';
  } else {
    const si = createSetupIntent(engine, {
      ...(customerId ? { customer: customerId } : {}),
      usage: 'off_session',
      metadata: secrets.setupIntentData.metadata ?? {},
    });
    confirmSetupIntent(engine, si, { payment_method: pm.id });
    if (si.status === 'requires_action') completeSetupAuthentication(engine, si, challenge === 'succeed');
    if (si.status !== 'succeeded') {
      throw stateError(
        'The provided PaymentMethod has failed authentication.',
        'setup_intent_authentication_failure',
      );
    }
    session.setup_intent = si.id;
  }
  const customer = customerId ? engine.find('customer', customerId) : undefined;
  session.customer = customerId;
  session.status = 'complete';
  session.collected_information = details.collected_information;
  session.customer_details = {
    address: details.address,
    business_name: null,
    email: customer?.email || session.customer_email || options.email || null,
    individual_name: null,
    name: details.name,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  };
  session.url = null;
  engine.emit('checkout.session.completed', session);
  return session;
}

/** Where the browser goes after paying: success_url (hosted) or return_url (embedded), with the id filled in. */
export function redirectUrlFor(session: SimCheckoutSession): string | null {
  const target = session.ui_mode === 'embedded_page' ? session.return_url : session.success_url;
  return target ? target.replaceAll('{CHECKOUT_SESSION_ID}', session.id) : null;
}
