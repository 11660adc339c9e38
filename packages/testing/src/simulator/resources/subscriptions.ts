import type Stripe from 'stripe';
import type { Engine } from '../engine';
import { invalidRequest, missingParam, stateError } from '../errors';
import type { FormParams } from '../form';
import { newId } from '../ids';
import { PAGE_PARAMS, paginate, withExpand } from '../list';
import { applyMetadata, arr, bool, int, oneOf, str } from '../params';
import type { Route } from '../route';
import type { SimInvoice, SimPaymentMethod, SimPrice, SimSubscription, SimSubscriptionItem } from '../types';
import { liveCustomer } from './customers';
import { createSubscriptionInvoice, markInvoicePaid } from './invoices';
import { resolvePaymentMethod } from './payment-methods';

const DAY = 86_400;

/** The end of one billing period starting at `start` (calendar months and years, like Stripe). */
export function periodEnd(start: number, recurring: NonNullable<SimPrice['recurring']>): number {
  const count = recurring.interval_count;
  if (recurring.interval === 'day') return start + count * DAY;
  if (recurring.interval === 'week') return start + count * 7 * DAY;
  const date = new Date(start * 1000);
  if (recurring.interval === 'month') date.setUTCMonth(date.getUTCMonth() + count);
  else date.setUTCFullYear(date.getUTCFullYear() + count);
  return Math.floor(date.getTime() / 1000);
}

export interface NewSubscription {
  customer: string;
  items: Array<{ price: string; quantity?: number }>;
  paymentMethod?: SimPaymentMethod | null;
  paymentBehavior?: 'allow_incomplete' | 'default_incomplete' | 'error_if_incomplete';
  metadata?: Record<string, string>;
  trialDays?: number;
  cancelAtPeriodEnd?: boolean;
}

export function createSubscription(engine: Engine, input: NewSubscription): SimSubscription {
  const customer = liveCustomer(engine, input.customer);
  if (!input.items.length) throw missingParam('items');
  const prices = input.items.map((item, i) => {
    const price = engine.get('price', item.price, `items[${i}][price]`);
    if (!price.recurring) {
      throw invalidRequest(
        `The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`,
        `items[${i}][price]`,
      );
    }
    if (!price.active) throw invalidRequest(`The price specified is inactive.`, `items[${i}][price]`);
    return price;
  });
  const currency = prices[0]!.currency;
  if (prices.some((price) => price.currency !== currency)) {
    throw invalidRequest('All prices on a subscription must have the same currency.', 'items');
  }
  const now = engine.now();
  const trialEnd = input.trialDays ? now + input.trialDays * DAY : null;
  const end = trialEnd ?? periodEnd(now, prices[0]!.recurring!);
  const id = newId('sub');
  const items: SimSubscriptionItem[] = prices.map((price, i) => ({
    id: newId('si'),
    object: 'subscription_item',
    created: now,
    current_period_end: end,
    current_period_start: now,
    discounts: [],
    metadata: {},
    price: structuredClone(price) as unknown as Stripe.Price,
    quantity: input.items[i]!.quantity ?? 1,
    subscription: id,
    tax_rates: [],
  }));
  const pm =
    input.paymentMethod ??
    (customer.invoice_settings.default_payment_method
      ? engine.get('payment_method', customer.invoice_settings.default_payment_method)
      : null);
  const behavior = input.paymentBehavior ?? 'allow_incomplete';
  if (!pm && !trialEnd && behavior !== 'default_incomplete') {
    throw invalidRequest(
      'This customer has no attached payment source or default payment method. Please consider adding a default payment method.',
      undefined,
      'resource_missing',
    );
  }
  const subscription = engine.put<SimSubscription>({
    id,
    object: 'subscription',
    billing_cycle_anchor: end,
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
    discounts: [],
    ended_at: null,
    latest_invoice: null,
    livemode: false,
    metadata: input.metadata ?? {},
    pending_setup_intent: null,
    start_date: now,
    status: trialEnd ? 'trialing' : 'incomplete',
    trial_end: trialEnd,
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

/** Wires invoice payments back to subscriptions: a paid first invoice activates an incomplete subscription. */
export function registerSubscriptionHooks(engine: Engine): void {
  engine.paymentSucceeded.push((paymentIntentId) => {
    const invoiceId = engine.secret<{ invoice?: string }>(paymentIntentId).invoice;
    const invoice = invoiceId ? engine.find('invoice', invoiceId) : undefined;
    if (!invoice || invoice.status === 'paid') return;
    markInvoicePaid(engine, invoice);
    const subId = invoice.parent?.subscription_details?.subscription;
    const subscription = typeof subId === 'string' ? engine.find('subscription', subId) : undefined;
    // During creation, createSubscription sets the status itself so `created` is the first subscription event.
    if (!subscription || engine.secret<{ creating?: boolean }>(subscription.id).creating) return;
    if (subscription.status === 'incomplete' || subscription.status === 'past_due') {
      const previous = { status: subscription.status };
      subscription.status = 'active';
      engine.emit('customer.subscription.updated', subscription, previous);
    }
  });
}

function update(engine: Engine, subscription: SimSubscription, params: FormParams): SimSubscription {
  const previous: Record<string, unknown> = {};
  const set = <K extends keyof SimSubscription>(key: K, value: SimSubscription[K]) => {
    if (JSON.stringify(subscription[key]) !== JSON.stringify(value))
      previous[key] = structuredClone(subscription[key]);
    subscription[key] = value;
  };
  if (subscription.status === 'canceled') {
    const allowed = Object.keys(params).every((key) =>
      ['metadata', 'cancellation_details', 'expand'].includes(key),
    );
    if (!allowed) {
      throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.');
    }
  }
  const cancelAtPeriodEnd = bool(params, 'cancel_at_period_end');
  if (cancelAtPeriodEnd !== undefined) {
    set('cancel_at_period_end', cancelAtPeriodEnd);
    set('cancel_at', cancelAtPeriodEnd ? (subscription.items.data[0]?.current_period_end ?? null) : null);
    set('cancellation_details', {
      comment: null,
      feedback: null,
      feedback_option: null,
      reason: cancelAtPeriodEnd ? 'cancellation_requested' : null,
    });
  }
  if (params.default_payment_method !== undefined) {
    const pmId = str(params, 'default_payment_method');
    set(
      'default_payment_method',
      pmId ? resolvePaymentMethod(engine, pmId, 'default_payment_method').id : null,
    );
  }
  if (params.metadata !== undefined) set('metadata', applyMetadata(subscription.metadata, params));
  if (Object.keys(previous).length) engine.emit('customer.subscription.updated', subscription, previous);
  return subscription;
}

export function cancelSubscription(engine: Engine, subscription: SimSubscription): SimSubscription {
  if (subscription.status === 'canceled') {
    throw stateError(`This subscription (${subscription.id}) has already been canceled.`, 'resource_missing');
  }
  const now = engine.now();
  subscription.status = 'canceled';
  subscription.canceled_at = now;
  subscription.ended_at = now;
  subscription.cancellation_details = {
    comment: null,
    feedback: null,
    feedback_option: null,
    reason: 'cancellation_requested',
  };
  engine.emit('customer.subscription.deleted', subscription);
  return subscription;
}

export const subscriptionRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/subscriptions',
    implements: [
      'items',
      'default_payment_method',
      'customer',
      'payment_behavior',
      'metadata',
      'trial_period_days',
      'cancel_at_period_end',
    ],
    handler: ({ engine, params }) => {
      const items = (arr(params, 'items') ?? []).map((item, i) => {
        if (typeof item !== 'object' || Array.isArray(item))
          throw invalidRequest('Invalid items', `items[${i}]`);
        return { price: str(item, 'price', true)!, quantity: int(item, 'quantity') };
      });
      const pmId = str(params, 'default_payment_method');
      const subscription = createSubscription(engine, {
        customer: str(params, 'customer', true)!,
        items,
        paymentMethod: pmId ? resolvePaymentMethod(engine, pmId, 'default_payment_method') : null,
        paymentBehavior: oneOf(params, 'payment_behavior', [
          'allow_incomplete',
          'default_incomplete',
          'error_if_incomplete',
          'pending_if_incomplete',
        ]) as NewSubscription['paymentBehavior'],
        metadata: applyMetadata({}, params),
        trialDays: int(params, 'trial_period_days'),
        cancelAtPeriodEnd: bool(params, 'cancel_at_period_end'),
      });
      return withExpand(engine, subscription, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions/:id',
    implements: [],
    handler: ({ engine, params, path }) => withExpand(engine, engine.get('subscription', path.id), params),
  },
  {
    method: 'POST',
    path: '/v1/subscriptions/:id',
    implements: ['cancel_at_period_end', 'default_payment_method', 'metadata'],
    handler: ({ engine, params, path }) =>
      withExpand(engine, update(engine, engine.get('subscription', path.id), params), params),
  },
  {
    method: 'DELETE',
    path: '/v1/subscriptions/:id',
    implements: [],
    handler: ({ engine, params, path }) =>
      withExpand(engine, cancelSubscription(engine, engine.get('subscription', path.id)), params),
  },
  {
    method: 'GET',
    path: '/v1/subscriptions',
    implements: ['customer', 'price', 'status', ...PAGE_PARAMS],
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer');
      const price = str(params, 'price');
      const status = str(params, 'status');
      const items = engine.all(
        'subscription',
        (sub) =>
          (!customer || sub.customer === customer) &&
          (!price || sub.items.data.some((item) => item.price.id === price)) &&
          (status === 'all' ||
            (status === 'ended'
              ? sub.status === 'canceled'
              : status
                ? sub.status === status
                : sub.status !== 'canceled')),
      );
      return paginate(engine, items, params, '/v1/subscriptions');
    },
  },
];
