import type Stripe from 'stripe';
import type { Engine } from '../engine';
import { invalidRequest, missingParam, stateError } from '../errors';
import type { FormParams } from '../form';
import { clientSecretFor, randomToken } from '../ids';
import { expandObject, PAGE_PARAMS, paginate } from '../list';
import { applyMetadata, arr, expandList, int, obj, oneOf, str } from '../params';
import type { Route } from '../route';
import type { SimCheckoutSession, SimLineItem } from '../types';
import { collectionSettings } from './checkout-collection';
import { discountLineItems } from './checkout-discounts';
import { liveCustomer } from './customers';

/** Options Stripe keeps on the session and applies when it completes. */
export interface SessionSecrets {
  lineItems: SimLineItem[];
  paymentIntentData: FormParams;
  subscriptionData: FormParams;
  setupIntentData: FormParams;
  /** `discounts` and `allow_promotion_codes`, applied when the session is paid. */
  promotions: FormParams;
}

export function sessionSecrets(engine: Engine, id: string): SessionSecrets {
  return engine.secret<SessionSecrets & Record<string, unknown>>(id);
}

function buildLineItems(engine: Engine, params: FormParams, mode: string): SimLineItem[] {
  const raw = arr(params, 'line_items') ?? [];
  if (mode !== 'setup' && raw.length === 0) throw missingParam('line_items');
  return raw.map((entry, i) => {
    if (typeof entry !== 'object' || Array.isArray(entry))
      throw invalidRequest('Invalid line_items', `line_items[${i}]`);
    const param = `line_items[${i}][price]`;
    const price = engine.get('price', str(entry, 'price', true), param);
    if (!price.active) {
      throw invalidRequest('The price specified is inactive. This field only accepts active prices.', param);
    }
    if (mode === 'payment' && price.recurring) {
      throw invalidRequest(
        'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
        param,
      );
    }
    const quantity = int(entry, 'quantity') ?? 1;
    if (quantity < 1 || quantity > 999_999)
      throw invalidRequest('Invalid quantity', `line_items[${i}][quantity]`);
    const product = engine.find('product', price.product);
    const amount = (price.unit_amount ?? 0) * quantity;
    return {
      id: `li_${randomToken()}`,
      object: 'item',
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: price.currency,
      description: product?.name ?? price.nickname ?? price.id,
      metadata: {},
      price: structuredClone(price),
      quantity,
    };
  });
}

/** What a create request may carry that the simulator acts on. */
const SESSION_IMPLEMENTS = [
  'allow_promotion_codes',
  'billing_address_collection',
  'cancel_url',
  'client_reference_id',
  'currency',
  'customer',
  'customer_creation',
  'customer_email',
  'discounts',
  'expires_at',
  'line_items',
  'locale',
  'metadata',
  'mode',
  'payment_intent_data',
  'redirect_on_completion',
  'return_url',
  'saved_payment_method_options',
  'setup_intent_data',
  'shipping_address_collection',
  'subscription_data',
  'success_url',
  'ui_mode',
];

/** Checkout's locales (the spec's enum at the SDK's version); the router has refused any other already. */
const CHECKOUT_LOCALES: readonly Stripe.Checkout.Session.Locale[] = (
  'auto bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hi-IN hr hu id it ja ko lt lv ms mt nb nl pl pt ' +
  'pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW'
).split(' ');

/** The invoice settings a payment-mode session reports while `invoice_creation` is off. */
function invoiceData(): Stripe.Checkout.Session.InvoiceCreation.InvoiceData {
  return {
    account_tax_ids: null,
    custom_fields: null,
    description: null,
    footer: null,
    issuer: null,
    metadata: {},
    rendering_options: null,
  };
}

export function createCheckoutSession(engine: Engine, params: FormParams): SimCheckoutSession {
  const mode = oneOf(params, 'mode', ['payment', 'subscription', 'setup']);
  if (!mode) throw missingParam('mode');
  const uiMode = oneOf(params, 'ui_mode', ['hosted_page', 'embedded_page']) ?? 'hosted_page';
  const lineItems = buildLineItems(engine, params, mode);
  if (mode === 'subscription' && !lineItems.some((item) => item.price?.recurring)) {
    throw invalidRequest(
      'You must provide at least one recurring price in `subscription` mode when using prices.',
      'line_items',
    );
  }
  const currencies = new Set(lineItems.map((item) => item.currency));
  if (currencies.size > 1) throw invalidRequest('All line items must use the same currency.', 'line_items');
  const customer = str(params, 'customer');
  if (customer) liveCustomer(engine, customer);
  const customerEmail = str(params, 'customer_email');
  if (customer && customerEmail) {
    throw invalidRequest(
      'You may only specify one of these parameters: customer, customer_email.',
      'customer_email',
    );
  }
  const customerCreation = oneOf(params, 'customer_creation', ['always', 'if_required']);
  if (customerCreation && mode !== 'payment') {
    throw invalidRequest('`customer_creation` can only be used in `payment` mode.', 'customer_creation');
  }
  if (customerCreation && customer) {
    throw invalidRequest(
      'You may only specify one of these parameters: customer, customer_creation.',
      'customer_creation',
    );
  }
  const successUrl = str(params, 'success_url');
  const cancelUrl = str(params, 'cancel_url');
  const returnUrl = str(params, 'return_url');
  if (uiMode === 'embedded_page') {
    if (successUrl || cancelUrl) {
      throw invalidRequest(
        '`success_url` and `cancel_url` cannot be used with `ui_mode: embedded_page`; use `return_url`.',
        successUrl ? 'success_url' : 'cancel_url',
      );
    }
    if (!returnUrl && str(params, 'redirect_on_completion') !== 'never') throw missingParam('return_url');
  } else if (returnUrl) {
    throw invalidRequest('`return_url` can only be used with `ui_mode: embedded_page`.', 'return_url');
  }
  for (const [key, url] of [
    ['success_url', successUrl],
    ['cancel_url', cancelUrl],
    ['return_url', returnUrl],
  ] as const) {
    if (url && !/^https?:\/\//.test(url)) throw invalidRequest('Not a valid URL', key, 'url_invalid');
  }
  const collection = collectionSettings(params, mode, customer);
  discountLineItems(engine, params, lineItems, customer);
  const subtotal = lineItems.reduce((sum, item) => sum + item.amount_subtotal, 0);
  const total = lineItems.reduce((sum, item) => sum + item.amount_total, 0);
  const id = `cs_test_${randomToken(58)}`;
  const now = engine.now();
  const session = engine.put<SimCheckoutSession>({
    id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: mode === 'setup' ? null : subtotal,
    amount_total: mode === 'setup' ? null : total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    cancel_url: cancelUrl ?? null,
    client_reference_id: str(params, 'client_reference_id') ?? null,
    client_secret: uiMode === 'embedded_page' ? clientSecretFor(id) : null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now,
    currency: lineItems[0]?.currency ?? str(params, 'currency') ?? null,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: customer ?? null,
    customer_account: null,
    customer_creation: customerCreation ?? (mode === 'payment' && !customer ? 'if_required' : null),
    customer_details: null,
    customer_email: customerEmail ?? null,
    discounts: [],
    expires_at: int(params, 'expires_at') ?? now + 24 * 3600,
    integration_identifier: null,
    invoice: null,
    invoice_creation: mode === 'payment' ? { enabled: false, invoice_data: invoiceData() } : null,
    livemode: false,
    locale: oneOf(params, 'locale', CHECKOUT_LOCALES) ?? null,
    managed_payments: null,
    metadata: applyMetadata({}, params),
    mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: mode === 'payment' ? null : 'always',
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_status: mode === 'setup' ? 'no_payment_required' : 'unpaid',
    permissions: null,
    recovered_from: null,
    ...(returnUrl ? { return_url: returnUrl } : {}),
    setup_intent: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: successUrl ?? null,
    total_details: mode === 'setup' ? null : { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: uiMode,
    url: uiMode === 'hosted_page' ? `${engine.baseUrl()}/_simulator/checkout/${id}` : null,
    wallet_options: null,
    ...collection,
  });
  Object.assign(sessionSecrets(engine, id), {
    lineItems,
    paymentIntentData: obj(params, 'payment_intent_data') ?? {},
    subscriptionData: obj(params, 'subscription_data') ?? {},
    setupIntentData: obj(params, 'setup_intent_data') ?? {},
    promotions: {
      ...(params.discounts !== undefined ? { discounts: params.discounts } : {}),
      ...(params.allow_promotion_codes !== undefined
        ? { allow_promotion_codes: params.allow_promotion_codes }
        : {}),
    },
  });
  return session;
}

/** Serialises a session, adding `line_items` only when expanded (Stripe's includable field). */
export function renderSession(
  engine: Engine,
  session: SimCheckoutSession,
  expand: readonly string[],
): SimCheckoutSession {
  const out = expandObject(
    engine,
    session,
    expand.filter((path) => !path.startsWith('line_items')),
  );
  if (expand.some((path) => path.startsWith('line_items'))) {
    out.line_items = lineItemList(engine, session);
  }
  return out;
}

export function lineItemList(engine: Engine, session: SimCheckoutSession) {
  return {
    object: 'list' as const,
    data: structuredClone(sessionSecrets(engine, session.id).lineItems),
    has_more: false,
    url: `/v1/checkout/sessions/${session.id}/line_items`,
  };
}

export const checkoutSessionRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/checkout/sessions',
    implements: [...SESSION_IMPLEMENTS],
    handler: ({ engine, params }) =>
      renderSession(engine, createCheckoutSession(engine, params), expandList(params)),
  },
  {
    method: 'GET',
    path: '/v1/checkout/sessions/:id',
    implements: [],
    handler: ({ engine, params, path }) =>
      renderSession(engine, engine.get('checkout.session', path.id, 'session'), expandList(params)),
  },
  {
    method: 'GET',
    path: '/v1/checkout/sessions/:id/line_items',
    implements: [...PAGE_PARAMS],
    handler: ({ engine, params, path }) => {
      const session = engine.get('checkout.session', path.id, 'session');
      return paginate(
        engine,
        sessionSecrets(engine, session.id).lineItems,
        params,
        lineItemList(engine, session).url,
      );
    },
  },
  {
    method: 'POST',
    path: '/v1/checkout/sessions/:id/expire',
    implements: [],
    handler: ({ engine, params, path }) => {
      const session = engine.get('checkout.session', path.id, 'session');
      if (session.status !== 'open') {
        throw stateError(
          `Only Checkout Sessions with a status of open can be expired.`,
          'checkout_session_unexpected_state',
        );
      }
      session.status = 'expired';
      session.url = null;
      engine.emit('checkout.session.expired', session);
      return renderSession(engine, session, expandList(params));
    },
  },
  {
    method: 'GET',
    path: '/v1/checkout/sessions',
    implements: ['customer', 'payment_intent', 'subscription', 'status', ...PAGE_PARAMS],
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer');
      const pi = str(params, 'payment_intent');
      const subscription = str(params, 'subscription');
      const status = str(params, 'status');
      const items = engine.all(
        'checkout.session',
        (s) =>
          (!customer || s.customer === customer) &&
          (!pi || s.payment_intent === pi) &&
          (!subscription || s.subscription === subscription) &&
          (!status || s.status === status),
      );
      return paginate(engine, items, params, '/v1/checkout/sessions');
    },
  },
];
