import type Stripe from 'stripe';
import type { Engine } from '../engine';
import { invalidRequest, missingParam, stateError } from '../errors';
import type { FormParams, FormValue } from '../form';
import { newId } from '../ids';
import { int, obj, oneOf, str } from '../params';
import type { SimInvoice, SimPaymentMethod, SimPrice, SimSubscription, SimSubscriptionItem } from '../types';
import { redeemDiscounts } from './coupons';
import { liveCustomer } from './customers';
import { createSubscriptionInvoice, markInvoicePaid } from './invoices';
import { applyPendingUpdate } from './subscription-update';

export const DAY = 86_400;

/**
 * The end of the billing period that starts at `start`. Months and years follow the calendar from `anchor`'s
 * day of the month, shortened in shorter months (an anchor on the 31st bills on Feb 28, then Mar 31), as Stripe.
 */
export function periodEnd(
  start: number,
  recurring: NonNullable<SimPrice['recurring']>,
  anchor = start,
): number {
  const count = recurring.interval_count;
  if (recurring.interval === 'day') return start + count * DAY;
  if (recurring.interval === 'week') return start + count * 7 * DAY;
  const from = new Date(start * 1000);
  const day = new Date(anchor * 1000);
  const months = recurring.interval === 'month' ? count : 12 * count;
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = Date.UTC(
    year,
    month,
    Math.min(day.getUTCDate(), lastDay),
    day.getUTCHours(),
    day.getUTCMinutes(),
    day.getUTCSeconds(),
  );
  return Math.floor(end / 1000);
}

/** The customer's invoice default, unless the subscription names its own. */
export function paymentMethodFor(engine: Engine, subscription: SimSubscription): SimPaymentMethod | null {
  const customer = liveCustomer(engine, subscription.customer);
  const pmId =
    (subscription.default_payment_method as string | null) ??
    customer.invoice_settings.default_payment_method;
  return pmId ? (engine.find<SimPaymentMethod>('payment_method', pmId) ?? null) : null;
}

export type MissingPaymentMethod = 'cancel' | 'create_invoice' | 'pause';

export interface NewSubscription {
  customer: string;
  items: Array<{ price: string; quantity?: number }>;
  paymentMethod?: SimPaymentMethod | null;
  paymentBehavior?: 'allow_incomplete' | 'default_incomplete' | 'error_if_incomplete';
  metadata?: Record<string, string>;
  trialDays?: number;
  /** A trial ending at this time (seconds), or `'now'` for none. */
  trialEnd?: number | 'now';
  /** What happens at the trial's end without a payment method. @default 'create_invoice' */
  missingPaymentMethod?: MissingPaymentMethod;
  cancelAtPeriodEnd?: boolean;
  /** The `discounts` param (`[{ coupon } | { promotion_code }]`). */
  discounts?: FormValue;
}

/** Checks a subscription item's price: recurring, active and in `currency` when given. */
export function recurringPrice(engine: Engine, id: unknown, param: string): SimPrice {
  const price = engine.get<SimPrice>('price', id, 'price', param);
  if (!price.recurring) {
    throw invalidRequest(
      `The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`,
      param,
    );
  }
  if (!price.active) throw invalidRequest(`The price specified is inactive.`, param);
  return price;
}

export function newItem(
  engine: Engine,
  subscriptionId: string,
  price: SimPrice,
  quantity: number,
  period: { start: number; end: number },
): SimSubscriptionItem {
  return {
    id: newId('si'),
    object: 'subscription_item',
    created: engine.now(),
    current_period_end: period.end,
    current_period_start: period.start,
    discounts: [],
    metadata: {},
    price: structuredClone(price) as unknown as Stripe.Price,
    quantity,
    subscription: subscriptionId,
    tax_rates: [],
  };
}

function trialEndOf(input: NewSubscription, now: number): number | null {
  if (input.trialEnd === 'now') return null;
  if (input.trialEnd !== undefined) {
    if (input.trialEnd <= now) {
      throw invalidRequest(
        'Invalid timestamp: must be an integer Unix timestamp in the future.',
        'trial_end',
      );
    }
    return input.trialEnd;
  }
  return input.trialDays ? now + input.trialDays * DAY : null;
}

export function createSubscription(engine: Engine, input: NewSubscription): SimSubscription {
  const customer = liveCustomer(engine, input.customer);
  if (!input.items.length) throw missingParam('items');
  const prices = input.items.map((item, i) => recurringPrice(engine, item.price, `items[${i}][price]`));
  const currency = prices[0]!.currency;
  if (prices.some((price) => price.currency !== currency)) {
    throw invalidRequest('All prices on a subscription must have the same currency.', 'items');
  }
  const now = engine.now();
  const trialEnd = trialEndOf(input, now);
  const end = trialEnd ?? periodEnd(now, prices[0]!.recurring!);
  const id = newId('sub');
  const items = prices.map((price, i) =>
    newItem(engine, id, price, input.items[i]!.quantity ?? 1, { start: now, end }),
  );
  const pm =
    input.paymentMethod ??
    (customer.invoice_settings.default_payment_method
      ? engine.get<SimPaymentMethod>(
          'payment_method',
          customer.invoice_settings.default_payment_method,
          'PaymentMethod',
        )
      : null);
  const behavior = input.paymentBehavior ?? 'allow_incomplete';
  if (!pm && !trialEnd && behavior !== 'default_incomplete') {
    throw invalidRequest(
      'This customer has no attached payment source or default payment method. Please consider adding a default payment method.',
      undefined,
      'resource_missing',
    );
  }
  const discounts = redeemDiscounts(engine, input.discounts, {
    customer: customer.id,
    subscription: id,
    currency,
  });
  const subscription = engine.put<SimSubscription>({
    id,
    object: 'subscription',
    billing_cycle_anchor: trialEnd ?? now,
    cancel_at: input.cancelAtPeriodEnd ? end : null,
    cancel_at_period_end: input.cancelAtPeriodEnd ?? false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: 'charge_automatically',
    created: now,
    currency,
    customer: customer.id,
    days_until_due: null,
    default_payment_method: input.paymentMethod?.id ?? null,
    description: null,
    discounts: discounts.map((discount) => discount.id),
    ended_at: null,
    latest_invoice: null,
    livemode: false,
    metadata: input.metadata ?? {},
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: trialEnd ? 'trialing' : 'incomplete',
    test_clock: customer.test_clock ?? null,
    trial_end: trialEnd,
    trial_settings: {
      end_behavior: {
        billing_cycle_anchor: null,
        missing_payment_method: input.missingPaymentMethod ?? 'create_invoice',
      },
    },
    trial_start: trialEnd ? now : null,
    items: { object: 'list', data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
  });
  const creating = engine.secret<{ creating?: boolean }>(id);
  creating.creating = true;
  let invoice: SimInvoice;
  try {
    invoice = createSubscriptionInvoice(
      engine,
      subscription,
      'subscription_create',
      behavior === 'default_incomplete' ? null : pm,
      { rethrowDecline: behavior === 'error_if_incomplete' },
    );
  } catch (error) {
    // error_if_incomplete: Stripe creates no subscription when the first payment fails.
    engine.delete(id);
    throw error;
  }
  creating.creating = false;
  subscription.latest_invoice = invoice.id;
  if (invoice.status === 'paid' && subscription.status === 'incomplete') subscription.status = 'active';
  engine.emit('customer.subscription.created', subscription);
  return subscription;
}

/**
 * Marks an invoice paid and brings its subscription along: an incomplete, past-due or unpaid one becomes active,
 * a pending update applies.
 */
export function settleInvoice(engine: Engine, invoice: SimInvoice): void {
  markInvoicePaid(engine, invoice);
  const subId = invoice.parent?.subscription_details?.subscription;
  const subscription =
    typeof subId === 'string' ? engine.find<SimSubscription>('subscription', subId) : undefined;
  // During creation, createSubscription sets the status itself so `created` is the first subscription event.
  if (!subscription || engine.secret<{ creating?: boolean }>(subscription.id).creating) return;
  applyPendingUpdate(engine, subscription);
  if (['incomplete', 'past_due', 'unpaid'].includes(subscription.status)) {
    const previous = { status: subscription.status };
    subscription.status = 'active';
    engine.emit('customer.subscription.updated', subscription, previous);
  }
}

/** Wires invoice payments back to subscriptions: paying an invoice's PaymentIntent settles the invoice. */
export function registerSubscriptionHooks(engine: Engine): void {
  engine.paymentSucceeded.push((paymentIntentId) => {
    const invoiceId = engine.secret<{ invoice?: string }>(paymentIntentId).invoice;
    const invoice = invoiceId ? engine.find<SimInvoice>('invoice', invoiceId) : undefined;
    if (invoice && invoice.status !== 'paid') settleInvoice(engine, invoice);
  });
}

export function cancelSubscription(
  engine: Engine,
  subscription: SimSubscription,
  reason: 'cancellation_requested' | 'payment_failed' | 'payment_disputed' = 'cancellation_requested',
): SimSubscription {
  if (subscription.status === 'canceled') {
    throw stateError(`This subscription (${subscription.id}) has already been canceled.`, 'resource_missing');
  }
  const now = engine.now();
  subscription.status = 'canceled';
  subscription.canceled_at = now;
  subscription.ended_at = now;
  subscription.cancellation_details = { comment: null, feedback: null, feedback_option: null, reason };
  engine.emit('customer.subscription.deleted', subscription);
  return subscription;
}

/** `trial_end`: a timestamp or `'now'`. */
export function trialEndParam(params: FormParams): number | 'now' | undefined {
  return str(params, 'trial_end') === 'now' ? 'now' : int(params, 'trial_end');
}

export function missingPaymentMethodParam(params: FormParams): MissingPaymentMethod | undefined {
  const settings = obj(params, 'trial_settings');
  const end = settings ? obj(settings, 'end_behavior') : undefined;
  return end ? oneOf(end, 'missing_payment_method', ['cancel', 'create_invoice', 'pause']) : undefined;
}
