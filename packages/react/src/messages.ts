/**
 * English defaults for every label and message. Each component has its own object so a page that renders
 * one component ships only that component's strings; override them per component (`messages` prop) or for
 * the whole app (`<TollboothProvider messages={{ paymentForm: { submit: 'Pay now' } }}>`).
 */

/**
 * @internal Errors any call to the server can end in, keyed by the server's error codes, and the retry label:
 * all that a lone button needs.
 */
export const callErrorMessages = {
  unauthenticated: 'Please sign in to continue.',
  forbidden: 'You do not have permission to do this.',
  rate_limited: 'Too many attempts. Wait a moment, then try again.',
  network_error: 'We could not reach the server. Check your connection, then try again.',
  not_found: 'We could not find this.',
  server_error: 'Something went wrong on our side. Please try again.',
  invalid_request: 'This request could not be completed.',
  retry: 'Try again',
};

/** @internal For the components that load data or Stripe.js. */
export const loadMessages = {
  not_configured: 'Payments are not set up on this page.',
  /** Stripe.js did not load (a blocker, the network): the card form cannot show. */
  stripe_unavailable: 'The payment form could not load. Check your connection, then try again.',
  loading: 'Loading…',
};

/** Errors and labels shared by every component; override them with `messages.errors`. */
export const errorMessages: typeof callErrorMessages & typeof loadMessages = /* @__PURE__ */ Object.assign(
  {},
  callErrorMessages,
  loadMessages,
);

export const checkoutButtonMessages = {
  label: 'Buy now',
  /** The label with `mode="subscription"`. */
  subscribe: 'Subscribe',
  processing: 'Redirecting to checkout…',
};

export const customerPortalButtonMessages = {
  label: 'Manage billing',
  processing: 'Opening the billing portal…',
};

/** Shown instead of Stripe's message for these decline codes; fraud-type codes get `generic_decline`. */
export const declineMessages = {
  generic_decline: 'Your card was declined. Try another card.',
  insufficient_funds: 'Your card has insufficient funds. Try another card.',
  expired_card: 'Your card has expired. Try another card.',
  incorrect_cvc: 'The security code is incorrect. Check it and try again.',
  incorrect_number: 'The card number is incorrect. Check it and try again.',
  processing_error: 'We could not process your card. Please try again.',
  card_velocity_exceeded: 'Your card has been used too often. Try again later or use another card.',
  authentication_failed: 'We could not authenticate your card. Try again or use another card.',
};

export const paymentFormMessages = {
  submit: 'Pay {amount}',
  processing: 'Processing payment…',
  succeeded: 'Payment received. Thank you!',
  pending: 'Your payment is processing. We will confirm it shortly.',
  label: 'Payment details',
};

export const paymentMethodManagerMessages = {
  heading: 'Saved cards',
  empty: 'You have no saved cards.',
  card: '{brand} ending in {last4}, expires {expMonth}/{expYear}',
  default: 'Default',
  makeDefault: 'Make default',
  /** The accessible name of a card's "Make default" button; keep `makeDefault` at its start (voice control). */
  makeDefaultLabel: 'Make default: {card}',
  remove: 'Remove',
  /** The accessible name of a card's "Remove" button. */
  removeLabel: 'Remove {card}',
  confirmRemove: 'Remove {card}?',
  confirm: 'Yes, remove',
  cancel: 'Cancel',
  add: 'Add a card',
  save: 'Save card',
  saved: 'Card saved.',
  removed: 'Card removed.',
  defaultSet: 'Default card updated.',
  processing: 'Saving…',
};

export const pricingTableMessages = {
  heading: 'Pricing',
  buy: 'Buy',
  subscribe: 'Subscribe',
  empty: 'No plans are available right now.',
  perInterval: '{amount} / {interval}',
  /** The badge on the price of the customer's live subscription (it replaces the buy button). */
  currentPlan: 'Current plan',
};

export const subscriptionListMessages = {
  heading: 'Subscriptions',
  empty: 'You have no subscriptions.',
  /** The price per period, when the catalog knows it. */
  perInterval: '{amount} / {interval}',
  renews: 'Next charge on {date}',
  ends: 'Ends on {date}',
  cancel: 'Cancel subscription',
  /** The accessible name of a subscription's cancel button; keep `cancel` at its start (voice control). */
  cancelLabel: 'Cancel subscription to {price}',
  confirmCancel: 'Cancel {price} at the end of the billing period?',
  confirm: 'Yes, cancel',
  keep: 'Keep subscription',
  resume: 'Resume subscription',
  /** The accessible name of a subscription's resume button. */
  resumeLabel: 'Resume subscription to {price}',
  canceled: 'Your subscription will end on {date}.',
  resumed: 'Your subscription was resumed.',
  trialEnds: 'Trial ends on {date}',
  scheduledChange: 'Changes to {price} on {date}',
  pastDue: 'The last payment failed. Update your card so the subscription continues.',
  fixCard: 'Update card',
  /** The badge on the subscription the billing state counts as the customer's plan. */
  currentPlan: 'Current plan',
  /** Stripe's subscription statuses (`status_<status>`); an unlisted one shows as itself, made readable. */
  status_active: 'Active',
  status_trialing: 'Trial',
  status_past_due: 'Past due',
  status_unpaid: 'Unpaid',
  status_canceled: 'Canceled',
  status_incomplete: 'Incomplete',
  status_incomplete_expired: 'Expired',
  status_paused: 'Paused',
};

export const invoiceListMessages = {
  heading: 'Invoices',
  empty: 'You have no invoices.',
  number: 'Number',
  date: 'Date',
  amount: 'Amount',
  status: 'Status',
  /** The visible text of an invoice's link. */
  viewLink: 'View',
  /** The accessible name of an invoice's link; keep `viewLink` at its start (voice control). */
  view: 'View invoice {number} (opens in a new tab)',
  /** Stripe's invoice statuses (`status_<status>`); an unlisted one shows as itself, made readable. */
  status_draft: 'Draft',
  status_open: 'Open',
  status_paid: 'Paid',
  status_uncollectible: 'Uncollectible',
  status_void: 'Void',
};

export const checkoutStatusMessages = {
  paid: 'Payment received: {amount}. Thank you!',
  /** `paid` when the session carries no amount. */
  paidNoAmount: 'Payment received. Thank you!',
  noPaymentRequired: 'Your order is complete.',
  unpaid: 'Your payment is processing. We will email you when it completes.',
  open: 'Checkout was not completed.',
  expired: 'This checkout session has expired.',
  /** The session does not exist or belongs to someone else (the two are not told apart). */
  notFound: 'We could not find this order. Sign in with the account you paid with.',
};

export const refundFormMessages = {
  heading: 'Refund payment {paymentIntent}',
  amount: 'Amount to refund ({currency}); leave empty for the full amount',
  reason: 'Reason',
  noReason: 'No reason given',
  duplicate: 'Duplicate',
  fraudulent: 'Fraudulent',
  requested_by_customer: 'Requested by customer',
  submit: 'Refund',
  /** With `refundable`: what is left of the payment. */
  left: '{amount} left to refund.',
  confirmPartial: 'Refund {amount}?',
  /** The confirm step for an empty amount (with `refundable`, the figure is on the line above). */
  confirmFull: 'Refund the whole payment?',
  confirm: 'Yes, refund',
  cancel: 'Cancel',
  /** The server refused the amount (403), without and with `limit`. */
  overLimit: 'You may not make this refund. Refund less, or ask an admin.',
  overLimitOf: 'You may refund at most {limit} at once. Refund less, or ask an admin.',
  /** More than is left (with `refundable`, the figure is on the line above). */
  tooMuch: 'This is more than is left to refund on this payment.',
  /** Already fully refunded, or not paid (409). */
  notRefundable: 'This payment cannot be refunded: it is fully refunded already, or was not paid.',
  processing: 'Refunding…',
  /** Shown after a refund, by Stripe's refund status; `created` for a status without its own message. */
  succeeded: 'Refunded {amount}.',
  pending: 'Refund of {amount} pending.',
  requires_action: 'Refund of {amount} needs action in the Stripe Dashboard.',
  failed: 'The refund of {amount} failed.',
  canceled: 'The refund of {amount} was canceled.',
  created: 'Refund of {amount} created.',
  invalidAmount: 'Enter a positive amount, e.g. 12.50.',
};

export type ErrorMessages = typeof errorMessages;
/** @internal */
export type CallErrorMessages = typeof callErrorMessages;
export type DeclineMessages = typeof declineMessages;

/** Every overridable string, by component; pass a part of it to `<TollboothProvider messages>`. */
export interface TollboothMessages {
  errors?: Partial<ErrorMessages>;
  declines?: Partial<DeclineMessages> & Record<string, string>;
  checkoutButton?: Partial<typeof checkoutButtonMessages>;
  customerPortalButton?: Partial<typeof customerPortalButtonMessages>;
  paymentForm?: Partial<typeof paymentFormMessages>;
  paymentMethodManager?: Partial<typeof paymentMethodManagerMessages>;
  pricingTable?: Partial<typeof pricingTableMessages>;
  subscriptionList?: Partial<typeof subscriptionListMessages>;
  invoiceList?: Partial<typeof invoiceListMessages>;
  checkoutStatus?: Partial<typeof checkoutStatusMessages>;
  refundForm?: Partial<typeof refundFormMessages>;
  planSwitcher?: Partial<typeof import('./plan-switcher-messages').planSwitcherMessages>;
}
