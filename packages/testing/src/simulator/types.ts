import type Stripe from 'stripe';
import type { SimTestClock } from './resources/clock-time';
import type { SimCoupon, SimDiscount, SimPromotionCode } from './resources/coupons';
import type { SimInvoiceItem } from './resources/invoice-items';
import type { SimSchedule } from './resources/subscription-schedules';

// The objects the simulator stores, as the SDK's own types at its pinned API version: building one that lacks a
// field Stripe always returns is a compile error. (Subscriptions and invoices still store a `Pick` of theirs.)

export type SimProduct = Stripe.Product;

export type SimPrice = Stripe.Price;

export type SimCustomer = Stripe.Customer;

export type SimPaymentMethod = Stripe.PaymentMethod;

export type SimPaymentIntent = Stripe.PaymentIntent;

export type SimSetupIntent = Stripe.SetupIntent;

export type SimCharge = Stripe.Charge;

export type SimRefund = Stripe.Refund;

export type SimCheckoutSession = Stripe.Checkout.Session;

export type SimLineItem = Stripe.LineItem;

export type SimPortalSession = Stripe.BillingPortal.Session;

export type SimSubscriptionItem = Pick<
  Stripe.SubscriptionItem,
  | 'id'
  | 'object'
  | 'created'
  | 'current_period_end'
  | 'current_period_start'
  | 'discounts'
  | 'metadata'
  | 'price'
  | 'quantity'
  | 'subscription'
  | 'tax_rates'
>;

export type SimSubscription = Pick<
  Stripe.Subscription,
  | 'id'
  | 'object'
  | 'billing_cycle_anchor'
  | 'cancel_at'
  | 'cancel_at_period_end'
  | 'canceled_at'
  | 'cancellation_details'
  | 'collection_method'
  | 'created'
  | 'currency'
  | 'customer'
  | 'days_until_due'
  | 'default_payment_method'
  | 'description'
  | 'discounts'
  | 'ended_at'
  | 'latest_invoice'
  | 'livemode'
  | 'metadata'
  | 'pending_setup_intent'
  | 'pending_update'
  | 'schedule'
  | 'start_date'
  | 'status'
  | 'test_clock'
  | 'trial_end'
  | 'trial_settings'
  | 'trial_start'
> & { items: { object: 'list'; data: SimSubscriptionItem[]; has_more: boolean; url: string } };

export type SimInvoiceLine = Pick<
  Stripe.InvoiceLineItem,
  | 'id'
  | 'object'
  | 'amount'
  | 'currency'
  | 'description'
  | 'discount_amounts'
  | 'discountable'
  | 'discounts'
  | 'invoice'
  | 'livemode'
  | 'metadata'
  | 'parent'
  | 'period'
  | 'pricing'
  | 'quantity'
  | 'subscription'
  | 'subtotal'
>;

export type SimInvoice = Pick<
  Stripe.Invoice,
  | 'id'
  | 'object'
  | 'amount_due'
  | 'amount_paid'
  | 'amount_remaining'
  | 'attempt_count'
  | 'attempted'
  | 'automatically_finalizes_at'
  | 'billing_reason'
  | 'collection_method'
  | 'confirmation_secret'
  | 'created'
  | 'currency'
  | 'customer'
  | 'customer_email'
  | 'default_payment_method'
  | 'description'
  | 'discounts'
  | 'hosted_invoice_url'
  | 'invoice_pdf'
  | 'livemode'
  | 'metadata'
  | 'next_payment_attempt'
  | 'number'
  | 'parent'
  | 'period_end'
  | 'period_start'
  | 'status'
  | 'status_transitions'
  | 'subtotal'
  | 'test_clock'
  | 'total'
  | 'total_discount_amounts'
> & { lines: { object: 'list'; data: SimInvoiceLine[]; has_more: boolean; url: string } };

/**
 * Every stored object type by its `object` value: `engine.get('payment_intent', id)` returns a SimPaymentIntent.
 * A new resource adds its line here (an interface, so a resource file may also augment it).
 */
export interface SimObjects {
  product: SimProduct;
  price: SimPrice;
  customer: SimCustomer;
  payment_method: SimPaymentMethod;
  payment_intent: SimPaymentIntent;
  setup_intent: SimSetupIntent;
  charge: SimCharge;
  refund: SimRefund;
  'checkout.session': SimCheckoutSession;
  'billing_portal.session': SimPortalSession;
  subscription: SimSubscription;
  invoice: SimInvoice;
  invoiceitem: SimInvoiceItem;
  subscription_schedule: SimSchedule;
  coupon: SimCoupon;
  promotion_code: SimPromotionCode;
  discount: SimDiscount;
  'test_helpers.test_clock': SimTestClock;
  event: Stripe.Event;
}

export type SimObjectType = keyof SimObjects;
/** Any stored object. */
export type SimObject = SimObjects[SimObjectType];
