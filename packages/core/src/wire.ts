/**
 * Request and response bodies of every route, as they travel as JSON. `K` is the catalog key type: with a
 * record catalog (`{ pro: 'price_…' }`) the browser names prices by key and never sees a Stripe price id.
 */

import type { BillingState, ScheduledChange } from './billing';

export type CheckoutMode = 'payment' | 'subscription' | 'setup';
export type CheckoutUiMode = 'hosted' | 'embedded';

export interface LineItem<K extends string = string> {
  /** A catalog key (the price id itself when the catalog is a list). */
  price: K;
  /** A whole number, 1–99 unless the server allows more. */
  quantity: number;
}

export interface CatalogPrice<K extends string = string> {
  id: K;
  product: { name: string; description: string | null };
  /** In the currency's smallest unit (cents; yen for zero-decimal currencies). */
  unitAmount: number;
  currency: string;
  recurring: { interval: 'day' | 'week' | 'month' | 'year' } | null;
}
export interface CatalogResponse<K extends string = string> {
  prices: CatalogPrice<K>[];
}

export interface CheckoutCreateRequest<K extends string = string> {
  items: LineItem<K>[];
  mode?: CheckoutMode;
  uiMode?: CheckoutUiMode;
  /** A path on an allowed origin, e.g. `/thanks?session_id={CHECKOUT_SESSION_ID}`. */
  successPath?: string;
  cancelPath?: string;
}
export type CheckoutCreateResponse = { id: string; url: string } | { id: string; clientSecret: string };

export interface CheckoutSessionSummary {
  id: string;
  status: 'open' | 'complete' | 'expired' | null;
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  amountTotal: number | null;
  currency: string | null;
}

export interface PaymentIntentCreateRequest<K extends string = string> {
  items: LineItem<K>[];
  savePaymentMethod?: boolean;
}
export interface PaymentIntentCreateResponse {
  id: string;
  clientSecret: string;
  amount: number;
  currency: string;
}

export type SetupIntentCreateRequest = Record<string, never>;
export interface SetupIntentCreateResponse {
  id: string;
  clientSecret: string;
}

export interface PaymentMethodSummary {
  id: string;
  type: string;
  card: { brand: string; last4: string; expMonth: number; expYear: number } | null;
  isDefault: boolean;
}
export interface PaymentMethodListResponse {
  data: PaymentMethodSummary[];
}
export interface PaymentMethodDetachResponse {
  id: string;
  deleted: true;
}
export interface PaymentMethodSetDefaultResponse {
  id: string;
  isDefault: true;
}

export interface PortalCreateRequest {
  returnPath?: string;
}
export interface PortalCreateResponse {
  url: string;
}

export interface SubscriptionSummary<K extends string = string> {
  id: string;
  status: string;
  /** The catalog key of the subscribed price (the Stripe price id when it is not in the catalog). */
  price: K | string;
  /** Unix seconds. */
  currentPeriodEnd: number;
  cancelAtPeriodEnd: boolean;
  /** Unix seconds; `null` without a trial. */
  trialEnd: number | null;
  /** Seats (the plan item's quantity). */
  quantity: number;
  /** A downgrade waiting for the period end (from the subscription's schedule), undone by changing back. */
  scheduledChange: ScheduledChange<string, K> | null;
}
export interface SubscriptionListResponse<K extends string = string> {
  data: SubscriptionSummary<K>[];
}

/** `POST /subscriptions/:id/change(/preview)`: the plan's catalog price to move to, and the seats. */
export interface SubscriptionChangeRequest<K extends string = string> {
  price: K;
  /** Seats. @default the subscription's current quantity */
  quantity?: number;
}

/** What a plan change will cost, from Stripe's invoice preview. Amounts in the smallest currency unit. */
export interface SubscriptionChangePreview {
  /** `now`: an upgrade, prorated and charged at once; `period_end`: a downgrade, scheduled. */
  effective: 'now' | 'period_end';
  /** Charged today (0 for a scheduled change). */
  amountDue: number;
  /** The credit for the unused time on the current price (positive; 0 when none). */
  credit: number;
  currency: string;
  /** Taken off by the subscription's discount (a promotion code); 0 when none applies. */
  discount: number;
  /** Automatic tax in `amountDue`; `null` when automatic tax is off. */
  tax: number | null;
  /** The first regular invoice after the change. `date` in Unix seconds. */
  nextInvoice: { amount: number; date: number };
}

/** An upgrade whose payment needs the card holder (3-D Secure): confirm `clientSecret` with Stripe.js. */
export interface SubscriptionChangeRequiresAction {
  requiresAction: true;
  clientSecret: string;
}

export type SubscriptionChangeResponse<K extends string = string> =
  | SubscriptionSummary<K>
  | SubscriptionChangeRequiresAction;

export interface InvoiceSummary {
  id: string;
  number: string | null;
  status: string | null;
  amountPaid: number;
  currency: string;
  /** Unix seconds. */
  created: number;
  hostedInvoiceUrl: string | null;
}
export interface InvoiceListResponse {
  data: InvoiceSummary[];
}

export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';
export interface RefundCreateRequest {
  paymentIntent: string;
  /** Smallest currency unit; the whole remaining amount when left out. */
  amount?: number;
  reason?: RefundReason;
}
export interface RefundCreateResponse {
  id: string;
  amount: number;
  currency: string;
  status: string | null;
}

export interface WebhookResponse {
  received: true;
}

/** Input and output of each action, keyed by action name. `K`: catalog keys; `P`: plan keys. */
export interface ActionTypes<K extends string = string, P extends string = string> {
  'catalog.read': { input: undefined; output: CatalogResponse<K> };
  'checkout.create': { input: CheckoutCreateRequest<K>; output: CheckoutCreateResponse };
  'checkout.read': { input: undefined; output: CheckoutSessionSummary };
  'paymentIntent.create': { input: PaymentIntentCreateRequest<K>; output: PaymentIntentCreateResponse };
  'setupIntent.create': { input: SetupIntentCreateRequest; output: SetupIntentCreateResponse };
  'paymentMethods.list': { input: undefined; output: PaymentMethodListResponse };
  'paymentMethods.detach': { input: undefined; output: PaymentMethodDetachResponse };
  'paymentMethods.setDefault': { input: undefined; output: PaymentMethodSetDefaultResponse };
  'portal.create': { input: PortalCreateRequest; output: PortalCreateResponse };
  'subscriptions.list': { input: undefined; output: SubscriptionListResponse<K> };
  'subscriptions.cancel': { input: undefined; output: SubscriptionSummary<K> };
  'subscriptions.resume': { input: undefined; output: SubscriptionSummary<K> };
  'subscriptions.previewChange': {
    input: SubscriptionChangeRequest<K>;
    output: SubscriptionChangePreview;
  };
  'subscriptions.change': { input: SubscriptionChangeRequest<K>; output: SubscriptionChangeResponse<K> };
  'invoices.list': { input: undefined; output: InvoiceListResponse };
  'refunds.create': { input: RefundCreateRequest; output: RefundCreateResponse };
  'billing.read': { input: undefined; output: BillingState<P, K> };
}

/**
 * Carried (as a type only) by the server's `Tollbooth` object, so `createClient<typeof tollbooth>()` and the
 * React components learn the catalog keys and the plan keys.
 */
export interface TollboothTypes<K extends string = string, P extends string = string> {
  catalogKey: K;
  planKey: P;
}

/** The catalog key type of a `Tollbooth` (or `string` when it cannot be known). */
export type CatalogKeyOf<T> = T extends { readonly $types?: { catalogKey: infer K } }
  ? K extends string
    ? K
    : string
  : string;

/** The plan key type of a `Tollbooth` (or `string` when it cannot be known). */
export type PlanKeyOf<T> = T extends { readonly $types?: { planKey: infer P } }
  ? P extends string
    ? P
    : string
  : string;
