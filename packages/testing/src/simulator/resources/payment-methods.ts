import type Stripe from 'stripe';
import { ACCEPTS } from '../accepted-params';
import { behaviourOf, brandOf, TEST_PAYMENT_METHODS, validateCardInput } from '../cards';
import type { Engine } from '../engine';
import { invalidRequest, SimulatorError } from '../errors';
import type { FormParams } from '../form';
import { newId } from '../ids';
import { paginate, withExpand } from '../list';
import { applyMetadata, int, obj, str } from '../params';
import type { Route } from '../route';
import type { SimPaymentMethod } from '../types';
import { liveCustomer } from './customers';

/** What the simulator keeps about a card that Stripe never returns. */
export interface CardSecrets {
  number: string;
  /** Set once the card was set up for off-session use (a succeeded SetupIntent or `setup_future_usage`). */
  setUpOffSession?: boolean;
}

export interface CardInput {
  number: string;
  exp_month?: number;
  exp_year?: number;
  cvc?: string;
  postal_code?: string;
  name?: string;
  email?: string;
}

export function createCardPaymentMethod(engine: Engine, input: CardInput): SimPaymentMethod {
  const year = new Date(engine.now() * 1000).getUTCFullYear();
  const card = validateCardInput({
    number: input.number,
    exp_month: input.exp_month ?? 12,
    exp_year: input.exp_year ?? year + 3,
    cvc: input.cvc,
  });
  const brand = brandOf(card.number);
  const pm = engine.put<SimPaymentMethod>({
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: {
        city: null,
        country: null,
        line1: null,
        line2: null,
        postal_code: input.postal_code ?? null,
        state: null,
      },
      email: input.email ?? null,
      name: input.name ?? null,
      phone: null,
      tax_id: null,
    } as Stripe.PaymentMethod.BillingDetails,
    card: {
      brand,
      checks: {
        address_line1_check: null,
        address_postal_code_check: null,
        cvc_check: input.cvc ? 'pass' : null,
      },
      country: 'US',
      display_brand: brand,
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      // Stripe's fingerprint is stable per card number; a hash-like token of the number keeps that property.
      fingerprint: fingerprintOf(card.number),
      funding: 'credit',
      generated_from: null,
      last4: card.number.slice(-4),
      networks: { available: [brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    } as Stripe.PaymentMethod.Card,
    created: engine.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  });
  engine.secret<CardSecrets>(pm.id).number = card.number;
  return pm;
}

function fingerprintOf(number: string): string {
  let hash = 0;
  for (const char of number) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `fp${hash.toString(36)}${number.slice(-4)}`.slice(0, 16);
}

/**
 * Resolves a `payment_method` param: Stripe's test ids (`pm_card_visa` …) mint a fresh PaymentMethod each time,
 * like Stripe does; anything else must exist.
 */
export function resolvePaymentMethod(engine: Engine, id: string, param = 'payment_method'): SimPaymentMethod {
  const number = TEST_PAYMENT_METHODS[id];
  if (number) return createCardPaymentMethod(engine, { number });
  return engine.get<SimPaymentMethod>('payment_method', id, 'PaymentMethod', param);
}

/** Builds a card PaymentMethod from `payment_method_data[type]=card&payment_method_data[card][…]`. */
export function paymentMethodFromData(engine: Engine, data: FormParams): SimPaymentMethod {
  if (str(data, 'type') !== 'card') {
    throw invalidRequest('Only card payment methods are simulated.', 'payment_method_data[type]');
  }
  const card = obj(data, 'card') ?? {};
  const billing = obj(data, 'billing_details') ?? {};
  const address = obj(billing, 'address') ?? {};
  const token = str(card, 'token');
  if (token && TEST_PAYMENT_METHODS[token]) return resolvePaymentMethod(engine, token);
  return createCardPaymentMethod(engine, {
    number: str(card, 'number', true)!,
    exp_month: int(card, 'exp_month'),
    exp_year: int(card, 'exp_year'),
    cvc: str(card, 'cvc'),
    postal_code: str(address, 'postal_code'),
    name: str(billing, 'name'),
    email: str(billing, 'email'),
  });
}

export function cardSecrets(engine: Engine, pm: SimPaymentMethod): CardSecrets {
  return engine.secret<CardSecrets>(pm.id);
}

/** Stripe's 402 for a declined card, carrying the objects involved. */
export function declineError(
  engine: Engine,
  pm: SimPaymentMethod,
  extra: { payment_intent?: unknown; setup_intent?: unknown } = {},
): SimulatorError | null {
  const behaviour = behaviourOf(cardSecrets(engine, pm).number);
  if (behaviour.kind !== 'decline' || behaviour.chargesOnly) return null;
  return new SimulatorError(402, {
    type: 'card_error',
    code: behaviour.code,
    decline_code: behaviour.declineCode,
    message: behaviour.message,
    param: behaviour.param,
    payment_method: structuredClone(pm),
    ...extra,
  });
}

/** Attaches like Stripe: the card is checked with the issuer first, so a declining card fails here. */
export function attachPaymentMethod(
  engine: Engine,
  pm: SimPaymentMethod,
  customerId: string,
): SimPaymentMethod {
  const customer = liveCustomer(engine, customerId);
  if (pm.customer === customer.id) return pm;
  if (pm.customer) {
    throw invalidRequest(
      'The payment method you provided has already been attached to a customer.',
      'payment_method',
      'payment_method_unexpected_state',
    );
  }
  const declined = declineError(engine, pm);
  if (declined) throw declined;
  pm.customer = customer.id;
  engine.emit('payment_method.attached', pm);
  return pm;
}

export function detachPaymentMethod(engine: Engine, pm: SimPaymentMethod): SimPaymentMethod {
  if (!pm.customer) {
    throw invalidRequest(
      `The payment method ${pm.id} is not attached to a customer so detachment is impossible.`,
      undefined,
      'payment_method_unexpected_state',
    );
  }
  const customerId = pm.customer as string;
  pm.customer = null;
  const customer = engine.find<{ id: string; invoice_settings: { default_payment_method: unknown } }>(
    'customer',
    customerId,
  );
  if (customer && customer.invoice_settings.default_payment_method === pm.id) {
    const previous = { invoice_settings: structuredClone(customer.invoice_settings) };
    customer.invoice_settings.default_payment_method = null;
    engine.emit('customer.updated', customer, previous);
  }
  engine.emit('payment_method.detached', pm, { customer: customerId });
  return pm;
}

export const paymentMethodRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/payment_methods',
    accepts: ACCEPTS.paymentMethodCreate,
    publishable: true,
    handler: ({ engine, params }) => {
      const pm = paymentMethodFromData(engine, params);
      pm.metadata = applyMetadata({}, params);
      return withExpand(engine, pm, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_methods/:id',
    accepts: ACCEPTS.paymentMethodRetrieve,
    handler: ({ engine, params, path }) =>
      withExpand(engine, engine.get<SimPaymentMethod>('payment_method', path.id, 'PaymentMethod'), params),
  },
  {
    method: 'POST',
    path: '/v1/payment_methods/:id',
    accepts: ACCEPTS.paymentMethodUpdate,
    handler: ({ engine, params, path }) => {
      const pm = engine.get<SimPaymentMethod>('payment_method', path.id, 'PaymentMethod');
      const previous = { metadata: structuredClone(pm.metadata) };
      pm.metadata = applyMetadata(pm.metadata ?? {}, params);
      engine.emit('payment_method.updated', pm, previous);
      return withExpand(engine, pm, params);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_methods/:id/attach',
    accepts: ACCEPTS.paymentMethodAttach,
    handler: ({ engine, params, path }) => {
      const pm = resolvePaymentMethod(engine, path.id!, 'id');
      return withExpand(engine, attachPaymentMethod(engine, pm, str(params, 'customer', true)!), params);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_methods/:id/detach',
    accepts: ACCEPTS.paymentMethodDetach,
    handler: ({ engine, params, path }) => {
      const pm = engine.get<SimPaymentMethod>('payment_method', path.id, 'PaymentMethod');
      return withExpand(engine, detachPaymentMethod(engine, pm), params);
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_methods',
    accepts: ACCEPTS.paymentMethodList,
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer');
      if (customer) liveCustomer(engine, customer);
      const type = str(params, 'type');
      // Stripe lists only attached payment methods here; without a customer the list is empty.
      const items = engine.all<SimPaymentMethod>(
        'payment_method',
        (pm) => !!customer && pm.customer === customer && (!type || pm.type === type),
      );
      return paginate(engine, items, params, '/v1/payment_methods');
    },
  },
];
