import type Stripe from 'stripe';

/**
 * THE allow-list: every place where the simulator departs from Stripe's OpenAPI spec (2024-04-10) because the API
 * version the SDK pins (2026-10-28, stripe 23.1.0) differs, each with its reason. Names are checked by the
 * compiler against the SDK's own types: an entry that names a param, field or value the SDK does not have fails
 * `pnpm typecheck`. The request side changes the rules the simulator enforces; the response side tells the
 * conformance suite (test/conformance) what an object may carry beyond the spec.
 */

/** The literal members of an SDK union, without its open `string & {}` member. */
type Literal<T> = T extends unknown ? (string extends T ? never : T) : never;
type Keys<T> = Extract<keyof T, string>;
/** Rejects (as `never`) any name the SDK type still has: a removal must really be a removal. */
type NotIn<T, N extends string> = [Extract<N, keyof T>] extends [never] ? N : never;

/** The shape of a param added without the spec's help: scalar rules by key (see `Rule`). */
export type Shape = Record<string, 's' | 'i' | 'b'>;

export type ParamChange =
  | { operation: string; reason: string; kind: 'added'; names: readonly string[]; shape?: Shape }
  | { operation: string; reason: string; kind: 'removed'; names: readonly string[] }
  | { operation: string; reason: string; kind: 'values'; param: string; values: readonly string[] }
  | { operation: string; reason: string; kind: 'operation'; names: readonly string[] };

/**
 * Params the SDK's `P` has that the spec lacks (or whose shape the newer API changed): accepted, their values
 * unchecked (the spec cannot say) unless `shape` gives their scalar keys.
 */
const added = <P>(
  operation: string,
  names: readonly Keys<P>[],
  reason: string,
  shape?: Shape,
): ParamChange => ({ operation, reason, kind: 'added', names, ...(shape ? { shape } : {}) });
/** Nested params of `T` (an SDK params type found at `parent`, bracketed) that the spec lacks. */
const addedUnder = <T>(
  operation: string,
  parent: string,
  names: readonly Keys<T>[],
  shape: Shape,
  reason: string,
): ParamChange => ({
  operation,
  reason,
  kind: 'added',
  names: names.map((name) => `${parent}[${name}]`),
  shape,
});
/**
 * Params Stripe documents (or Stripe.js sends) that neither the spec nor the SDK's types list, by bracketed name;
 * the reason says where Stripe documents them.
 */
const documented = (
  operation: string,
  names: readonly string[],
  shape: Shape,
  reason: string,
): ParamChange => ({
  operation,
  reason,
  kind: 'added',
  names,
  shape,
});
/** Enum values Stripe documents (or Stripe.js sends) that neither the spec nor the SDK's types list. */
const documentedValues = (
  operation: string,
  param: string,
  list: readonly string[],
  reason: string,
): ParamChange => ({
  operation,
  reason,
  kind: 'values',
  param,
  values: list,
});
/** Params the spec has that the SDK's `P` no longer has: refused as unknown, like the newer API does. */
const removed = <P, N extends string = string>(
  operation: string,
  names: readonly NotIn<P, N>[],
  reason: string,
): ParamChange => ({ operation, reason, kind: 'removed', names });
/** Enum values of `T` (an SDK union) newer than the spec's enum at `param` (bracketed for nested keys). */
const values = <T>(operation: string, param: string, list: readonly Literal<T>[], reason: string) =>
  documentedValues(operation, param, list as readonly string[], reason);
/** A whole operation newer than the spec: its params are `P`'s keys, values unchecked. */
const operation = <P>(key: string, names: readonly Keys<P>[], reason: string): ParamChange => ({
  operation: key,
  reason,
  kind: 'operation',
  names,
});

/** A raw card or a test token, as `payment_method_data[card]` takes them. */
const CARD: Shape = { number: 's', exp_month: 'i', exp_year: 'i', cvc: 's', token: 's' };
const CARD_DATA =
  "Stripe's testing docs pass `payment_method_data[card][token]=tok_visa` server-side, and Stripe.js sends raw card fields here with a publishable key; neither the spec nor Stripe.*Params lists `card`";

const ACCOUNTS = 'Accounts v2 (`customer_account`) came after 2024-04-10; Stripe.*Params has it';
const PM_TYPES =
  'API 2026 replaced payment_method_types with allowed_/excluded_payment_method_types (Stripe.*Params)';
const NEW_PMS = 'payment method types launched after 2024-04-10 (Stripe.PaymentMethodCreateParams)';

const PROMOTION =
  'promotion codes name their coupon in `promotion[type]=coupon`, `promotion[coupon]` (Stripe.PromotionCodeCreateParams.Promotion), not the top-level `coupon`';
const PHASE_DURATION =
  'a phase may last `duration[interval]` × `duration[interval_count]` (Stripe.*Params.Phase.Duration), newer than the spec';
/** `duration` on a schedule phase. */
const DURATION: Shape = { interval: 's', interval_count: 'i' };

/** The PaymentIntent params newer than the spec that create and update share. */
const PAYMENT_INTENT_NEWER = [
  'allowed_payment_method_types',
  'amount_details',
  'customer_account',
  'excluded_payment_method_types',
  'hooks',
  'payment_details',
] as const satisfies readonly Keys<Stripe.PaymentIntentCreateParams & Stripe.PaymentIntentUpdateParams>[];

export const PARAM_CHANGES: readonly ParamChange[] = [
  added<Stripe.ProductCreateParams>('POST /v1/products', ['tax_details', 'type'], 'newer than the spec'),
  added<Stripe.ProductUpdateParams>('POST /v1/products/:', ['tax_details'], 'newer than the spec'),
  added<Stripe.ProductListParams>('GET /v1/products', ['type'], 'newer than the spec'),
  added<Stripe.CustomerCreateParams>(
    'POST /v1/customers',
    ['business_name', 'individual_name', 'validate'],
    'customer names split into business/individual after 2024-04-10',
  ),
  added<Stripe.CustomerUpdateParams>(
    'POST /v1/customers/:',
    ['business_name', 'individual_name', 'validate'],
    'customer names split into business/individual after 2024-04-10',
  ),
  removed<Stripe.CustomerCreateParams>(
    'POST /v1/customers',
    ['coupon', 'promotion_code'],
    'replaced by discounts',
  ),
  removed<Stripe.CustomerUpdateParams>(
    'POST /v1/customers/:',
    [
      'coupon',
      'promotion_code',
      'bank_account',
      'card',
      'default_alipay_account',
      'default_bank_account',
      'default_card',
    ],
    'coupons moved to discounts; legacy source params were removed from the API',
  ),
  added<Stripe.PaymentMethodCreateParams>(
    'POST /v1/payment_methods',
    [
      'alma',
      'billie',
      'bizum',
      'crypto',
      'custom',
      'kakao_pay',
      'kr_card',
      'mb_way',
      'multibanco',
      'naver_pay',
      'nz_bank_account',
      'pay_by_bank',
      'payco',
      'paypay',
      'payto',
      'samsung_pay',
      'satispay',
      'scalapay',
      'sequra',
      'sunbit',
      'twint',
      'upi',
    ],
    NEW_PMS,
  ),
  removed<Stripe.PaymentMethodUpdateParams>('POST /v1/payment_methods/:', ['link'], 'removed from the API'),
  added<Stripe.PaymentMethodAttachParams>(
    'POST /v1/payment_methods/:/attach',
    ['customer_account'],
    ACCOUNTS,
  ),
  added<Stripe.PaymentMethodListParams>(
    'GET /v1/payment_methods',
    ['allow_redisplay', 'customer_account'],
    ACCOUNTS,
  ),
  added<Stripe.PaymentIntentCreateParams>(
    'POST /v1/payment_intents',
    PAYMENT_INTENT_NEWER,
    `${PM_TYPES}; ${ACCOUNTS}`,
  ),
  removed<Stripe.PaymentIntentCreateParams>('POST /v1/payment_intents', ['payment_method_types'], PM_TYPES),
  ...[
    'POST /v1/payment_intents',
    'POST /v1/payment_intents/:/confirm',
    'POST /v1/setup_intents',
    'POST /v1/setup_intents/:/confirm',
  ].flatMap((operation) => [
    documented(operation, ['payment_method_data[card]'], CARD, CARD_DATA),
    documentedValues(operation, 'payment_method_data[type]', ['card'], CARD_DATA),
  ]),
  added<Stripe.PaymentIntentUpdateParams>(
    'POST /v1/payment_intents/:',
    PAYMENT_INTENT_NEWER,
    `${PM_TYPES}; ${ACCOUNTS}`,
  ),
  removed<Stripe.PaymentIntentUpdateParams>('POST /v1/payment_intents/:', ['payment_method_types'], PM_TYPES),
  added<Stripe.PaymentIntentConfirmParams>(
    'POST /v1/payment_intents/:/confirm',
    [
      'allowed_payment_method_types',
      'amount_details',
      'amount_to_confirm',
      'excluded_payment_method_types',
      'hooks',
      'payment_details',
    ],
    PM_TYPES,
  ),
  removed<Stripe.PaymentIntentConfirmParams>(
    'POST /v1/payment_intents/:/confirm',
    ['payment_method_types'],
    PM_TYPES,
  ),
  added<Stripe.PaymentIntentCaptureParams>(
    'POST /v1/payment_intents/:/capture',
    ['amount_details', 'hooks', 'payment_details'],
    'newer than the spec',
  ),
  added<Stripe.PaymentIntentListParams>('GET /v1/payment_intents', ['customer_account'], ACCOUNTS),
  added<Stripe.SetupIntentCreateParams>(
    'POST /v1/setup_intents',
    ['allowed_payment_method_types', 'customer_account', 'excluded_payment_method_types'],
    `${PM_TYPES}; ${ACCOUNTS}`,
  ),
  removed<Stripe.SetupIntentCreateParams>('POST /v1/setup_intents', ['payment_method_types'], PM_TYPES),
  added<Stripe.SetupIntentConfirmParams>(
    'POST /v1/setup_intents/:/confirm',
    ['allowed_payment_method_types'],
    PM_TYPES,
  ),
  added<Stripe.SetupIntentListParams>('GET /v1/setup_intents', ['customer_account'], ACCOUNTS),
  added<Stripe.Checkout.SessionCreateParams>(
    'POST /v1/checkout/sessions',
    [
      'adaptive_pricing',
      'allowed_payment_method_types',
      'branding_settings',
      'customer_account',
      'excluded_payment_method_types',
      'integration_identifier',
      'managed_payments',
      'name_collection',
      'optional_items',
      'origin_context',
      'permissions',
      'wallet_options',
    ],
    `Checkout features after 2024-04-10; ${PM_TYPES}; ${ACCOUNTS}`,
  ),
  removed<Stripe.Checkout.SessionCreateParams>(
    'POST /v1/checkout/sessions',
    ['payment_method_types'],
    PM_TYPES,
  ),
  values<Stripe.Checkout.SessionCreateParams.UiMode>(
    'POST /v1/checkout/sessions',
    'ui_mode',
    ['elements', 'embedded_page', 'form', 'hosted_page'],
    'API 2026 renamed hosted/embedded to hosted_page/embedded_page and added elements/form',
  ),
  values<Stripe.Checkout.SessionCreateParams.Locale>(
    'POST /v1/checkout/sessions',
    'locale',
    ['hi-IN'],
    'a Checkout locale added after 2024-04-10',
  ),
  added<Stripe.Checkout.SessionListParams>('GET /v1/checkout/sessions', ['customer_account'], ACCOUNTS),
  added<Stripe.BillingPortal.SessionCreateParams>(
    'POST /v1/billing_portal/sessions',
    ['after_expiration', 'customer_account'],
    ACCOUNTS,
  ),
  added<Stripe.SubscriptionCreateParams>(
    'POST /v1/subscriptions',
    ['billing_mode', 'billing_schedules', 'customer_account'],
    `billing modes and schedules after 2024-04-10; ${ACCOUNTS}`,
  ),
  removed<Stripe.SubscriptionCreateParams>(
    'POST /v1/subscriptions',
    ['coupon', 'promotion_code'],
    'replaced by discounts',
  ),
  added<Stripe.SubscriptionUpdateParams>(
    'POST /v1/subscriptions/:',
    ['billing_schedules'],
    'newer than the spec',
  ),
  removed<Stripe.SubscriptionUpdateParams>(
    'POST /v1/subscriptions/:',
    ['coupon', 'promotion_code'],
    'replaced by discounts',
  ),
  added<Stripe.SubscriptionListParams>('GET /v1/subscriptions', ['customer_account'], ACCOUNTS),
  added<Stripe.InvoiceListParams>('GET /v1/invoices', ['customer_account'], ACCOUNTS),
  added<Stripe.SubscriptionUpdateParams>(
    'POST /v1/subscriptions/:',
    ['billing_cycle_anchor'],
    'API 2026 takes `billing_cycle_anchor[type]` (Stripe.SubscriptionUpdateParams.BillingCycleAnchor) where the spec has a bare now/unchanged',
    { type: 's' },
  ),
  added<Stripe.PromotionCodeCreateParams>('POST /v1/promotion_codes', ['promotion'], PROMOTION, {
    type: 's',
    coupon: 's',
  }),
  removed<Stripe.PromotionCodeCreateParams>('POST /v1/promotion_codes', ['coupon'], PROMOTION),
  ...['POST /v1/subscription_schedules', 'POST /v1/subscription_schedules/:'].map((operation) =>
    addedUnder<Stripe.SubscriptionScheduleCreateParams.Phase & Stripe.SubscriptionScheduleUpdateParams.Phase>(
      operation,
      'phases',
      ['duration'],
      DURATION,
      PHASE_DURATION,
    ),
  ),
  addedUnder<Stripe.InvoiceCreatePreviewParams.ScheduleDetails.Phase>(
    'POST /v1/invoices/create_preview',
    'schedule_details[phases]',
    ['duration'],
    DURATION,
    PHASE_DURATION,
  ),
  operation<Stripe.InvoicePaymentListParams>(
    'GET /v1/invoice_payments',
    ['created', 'invoice', 'payment', 'status', 'ending_before', 'limit', 'starting_after'],
    'invoice payments (API 2025-03-31) replaced invoice.payment_intent',
  ),
];

/** A field `expand[]` may name that the spec does not list: on `component`, leading to `targets`. */
export interface ExpandableChange {
  component: string;
  field: string;
  targets: readonly string[];
  reason: string;
}

const expandable = <T>(component: string, field: Keys<T>, targets: readonly string[], reason: string) => ({
  component,
  field,
  targets,
  reason,
});

export const EXPANDABLE_CHANGES: readonly ExpandableChange[] = [
  expandable<Stripe.Invoice>(
    'invoice',
    'payments',
    ['list:invoice_payment'],
    'invoice payments (API 2025-03-31) are an includable list on Stripe.Invoice',
  ),
  expandable<Stripe.InvoicePayment>(
    'invoice_payment',
    'payment',
    ['invoice_payment_payment'],
    'the way from an invoice payment to its PaymentIntent (API 2025-03-31)',
  ),
  expandable<Stripe.InvoicePayment.Payment>(
    'invoice_payment_payment',
    'payment_intent',
    ['payment_intent'],
    'Stripe.InvoicePayment.Payment.payment_intent is expandable',
  ),
];

/**
 * How an object at the newer API differs from the spec's schema, as the conformance suite amends the schema:
 * `removed` a field the spec requires that the SDK type no longer has, `values` enum values the SDK type added.
 * `path` walks properties from `component`.
 */
export type ResponseChange =
  | { kind: 'removed'; component: string; path: readonly string[]; reason: string }
  | { kind: 'values'; component: string; path: readonly string[]; values: readonly string[]; reason: string };

/** A field the spec requires that `T` (the SDK's type) no longer has: the newer API dropped it. */
const fieldRemoved = <T, N extends string = string>(
  component: string,
  field: NotIn<T, N>,
  reason: string,
): ResponseChange => ({ kind: 'removed', component, path: [field], reason });
/** Enum values of `T` (an SDK union) at `component.path` that the spec's enum lacks. */
const valuesAdded = <T>(
  component: string,
  path: readonly string[],
  list: readonly Literal<T>[],
  reason: string,
): ResponseChange => ({ kind: 'values', component, path, values: list as readonly string[], reason });

export const RESPONSE_CHANGES: readonly ResponseChange[] = [
  valuesAdded<Stripe.Checkout.Session.UiMode>(
    'checkout.session',
    ['ui_mode'],
    ['elements', 'embedded_page', 'form', 'hosted_page'],
    'API 2026 renamed hosted/embedded to hosted_page/embedded_page and added elements/form',
  ),
  fieldRemoved<Stripe.Subscription>(
    'subscription',
    'current_period_end',
    'API 2025-03-31 moved billing periods onto subscription items',
  ),
  fieldRemoved<Stripe.Subscription>(
    'subscription',
    'current_period_start',
    'API 2025-03-31 moved billing periods onto subscription items',
  ),
  fieldRemoved<Stripe.Invoice>('invoice', 'paid', 'API 2025-03-31 dropped it; read status'),
  fieldRemoved<Stripe.Invoice>('invoice', 'paid_out_of_band', 'API 2025-03-31 dropped it; read status'),
  fieldRemoved<Stripe.Invoice>('invoice', 'total_tax_amounts', 'API 2025-03-31 replaced it with total_taxes'),
  fieldRemoved<Stripe.PromotionCode>(
    'promotion_code',
    'coupon',
    'the coupon moved to `promotion.coupon` (Stripe.PromotionCode.Promotion)',
  ),
  fieldRemoved<Stripe.InvoiceLineItem>('line_item', 'proration', 'API 2025-03-31 moved it to parent details'),
  fieldRemoved<Stripe.InvoiceLineItem>('line_item', 'type', 'API 2025-03-31 replaced it with parent.type'),
];
