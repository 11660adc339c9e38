import type Stripe from 'stripe';
import type { SimTestClock } from './resources/clock-time';
import type { SimCoupon, SimDiscount, SimPromotionCode } from './resources/coupons';
import type { SimInvoiceItem } from './resources/invoice-items';
import type { SimSchedule } from './resources/subscription-schedules';

// The objects the simulator stores, as the SDK's own types at its pinned API version: building one that lacks a
// field Stripe always returns is a compile error.

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

export type SimSubscriptionItem = Stripe.SubscriptionItem;

export type SimSubscription = Stripe.Subscription;

export type SimInvoiceLine = Stripe.InvoiceLineItem;

export type SimInvoice = Stripe.Invoice;

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
