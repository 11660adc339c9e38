import { BILLING_ACCEPTS } from '../billing-params';
import type { Engine } from '../engine';
import { invalidRequest, missingParam } from '../errors';
import type { FormParams } from '../form';
import { obj, str } from '../params';
import type { Route } from '../route';
import type { SimInvoice, SimSubscription } from '../types';
import { nextDueStep } from './billing-cycle';
import { atCustomerTime } from './clock-time';
import { renderInvoice } from './invoice-routes';
import { finalizeInvoice } from './invoices';
import { type SimSchedule, updateSchedule } from './subscription-schedules';
import { applyUpdate } from './subscription-update';
import { createSubscription } from './subscriptions';

// A preview is the real thing run on a scratch copy of the account (`engine.simulate`): the same update, the same
// renewal, the same discounts and balance, so what the preview says is what the change charges.

/** `subscription_details` keys that are subscription update params of the same name. */
const UPDATE_KEYS = [
  'billing_cycle_anchor',
  'cancel_at',
  'cancel_at_period_end',
  'items',
  'proration_behavior',
  'proration_date',
  'trial_end',
] as const;

function noUpcoming(): never {
  throw invalidRequest('No upcoming invoices for this subscription.', undefined, 'invoice_upcoming_none');
}

/** Runs the subscription's billing forward until its next renewal is drafted, and returns that invoice. */
function upcoming(engine: Engine, subscription: SimSubscription): SimInvoice {
  const before = subscription.latest_invoice;
  for (let guard = 0; guard < 100; guard++) {
    const step = nextDueStep(engine, subscription);
    if (!step) noUpcoming();
    engine.at(step.at, step.run);
    const latest = engine.find<SimInvoice>('invoice', subscription.latest_invoice);
    if (latest && latest.id !== before && latest.billing_reason === 'subscription_cycle') {
      engine.at(step.at, () => finalizeInvoice(engine, latest));
      return latest;
    }
    if (subscription.status === 'canceled') noUpcoming();
  }
  return noUpcoming();
}

function previewFor(engine: Engine, params: FormParams): SimInvoice {
  const details = obj(params, 'subscription_details') ?? {};
  const scheduleDetails = obj(params, 'schedule_details');
  const subscriptionId = str(params, 'subscription');
  const scheduleId = str(params, 'schedule');
  const schedule = scheduleId
    ? engine.get<SimSchedule>('subscription_schedule', scheduleId, 'subscription_schedule', 'schedule')
    : undefined;
  const subId = subscriptionId ?? (schedule?.subscription as string | undefined);
  if (!subId) {
    const customer = str(params, 'customer');
    if (!customer) throw missingParam('customer');
    const items = details.items;
    if (!Array.isArray(items)) throw missingParam('subscription_details[items]');
    // A new subscription: its first invoice, with nothing charged.
    const created = createSubscription(engine, {
      customer,
      items: items.map((item) => ({
        price: str(item as FormParams, 'price', true)!,
        quantity: Number(str(item as FormParams, 'quantity') ?? 1),
      })),
      paymentBehavior: 'default_incomplete',
      discounts: params.discounts,
    });
    return engine.get<SimInvoice>('invoice', created.latest_invoice, 'invoice');
  }
  const subscription = engine.get<SimSubscription>('subscription', subId, 'subscription', 'subscription');
  const customer = str(params, 'customer');
  if (customer && customer !== subscription.customer) {
    throw invalidRequest('The subscription does not belong to this customer.', 'customer');
  }
  if (scheduleDetails) {
    const attached = engine.find<SimSchedule>('subscription_schedule', subscription.schedule);
    if (!attached) throw invalidRequest('The subscription has no schedule.', 'schedule_details');
    updateSchedule(engine, attached, scheduleDetails);
  }
  const update: FormParams = {};
  for (const key of UPDATE_KEYS) if (details[key] !== undefined) update[key] = details[key]!;
  if (params.discounts !== undefined) update.discounts = params.discounts;
  const invoice = Object.keys(update).length
    ? applyUpdate(engine, subscription, update, { pay: false })
    : null;
  return invoice ?? upcoming(engine, subscription);
}

/** The preview as Stripe shows it: a draft without a number or a payment, under an `upcoming_` id. */
function asPreview(engine: Engine, invoice: SimInvoice): unknown {
  const out = renderInvoice(engine, invoice, []) as SimInvoice;
  return {
    ...out,
    id: `upcoming_${invoice.id}`,
    attempt_count: 0,
    attempted: false,
    confirmation_secret: null,
    number: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
  };
}

export const invoicePreviewRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/invoices/create_preview',
    accepts: BILLING_ACCEPTS.invoiceCreatePreview,
    handler: ({ engine, params }) => {
      const subscription = engine.find<SimSubscription>('subscription', str(params, 'subscription'));
      const owner = subscription?.customer ?? str(params, 'customer');
      return engine.simulate(() =>
        atCustomerTime(engine, owner, () => asPreview(engine, previewFor(engine, params))),
      );
    },
  },
];
