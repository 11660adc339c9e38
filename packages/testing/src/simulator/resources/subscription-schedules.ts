import type Stripe from 'stripe';
import type { Engine } from '../engine';
import { invalidRequest, missingParam, stateError } from '../errors';
import type { FormParams, FormValue } from '../form';
import { newId } from '../ids';
import { applyMetadata, arr, int, obj, oneOf, str } from '../params';
import type { SimPrice, SimSubscription } from '../types';
import { dueStepSources } from './billing-cycle';
import { applyUpdate } from './subscription-update';
import { cancelSubscription, createSubscription, periodEnd, recurringPrice } from './subscriptions';

export type SimSchedule = Pick<
  Stripe.SubscriptionSchedule,
  | 'id'
  | 'object'
  | 'canceled_at'
  | 'completed_at'
  | 'created'
  | 'current_phase'
  | 'customer'
  | 'end_behavior'
  | 'livemode'
  | 'metadata'
  | 'phases'
  | 'released_at'
  | 'released_subscription'
  | 'status'
  | 'subscription'
  | 'test_clock'
>;

type Phase = Stripe.SubscriptionSchedule.Phase;
type ProrationBehavior = 'always_invoice' | 'create_prorations' | 'none';

function phase(
  start: number,
  end: number,
  currency: string,
  items: Array<{ price: string; quantity: number }>,
  prorationBehavior: ProrationBehavior,
): Phase {
  return {
    add_invoice_items: [],
    application_fee_percent: null,
    billing_cycle_anchor: null,
    billing_thresholds: null,
    collection_method: null,
    currency,
    default_payment_method: null,
    description: null,
    discounts: [],
    end_date: end,
    invoice_settings: null,
    items: items.map((item) => ({
      billing_thresholds: null,
      discounts: [],
      metadata: {},
      plan: item.price,
      price: item.price,
      quantity: item.quantity,
      tax_rates: [],
    })),
    metadata: {},
    on_behalf_of: null,
    proration_behavior: prorationBehavior,
    start_date: start,
    transfer_data: null,
    trial_end: null,
  };
}

/** Reads `phases[]`: each starts where the previous ended and lasts `end_date`, `duration` or one interval. */
function parsePhases(engine: Engine, value: FormValue[], firstStart: number, currency: string): Phase[] {
  let start = firstStart;
  const now = engine.now();
  return value.map((entry, i) => {
    const at = `phases[${i}]`;
    if (typeof entry !== 'object' || Array.isArray(entry)) throw invalidRequest(`Invalid ${at}`, at);
    const items = (arr(entry, 'items') ?? []).map((item, j) => {
      if (typeof item !== 'object' || Array.isArray(item)) throw invalidRequest(`Invalid ${at}[items][${j}]`);
      const price = recurringPrice(engine, str(item, 'price', true), `${at}[items][${j}][price]`);
      if (price.currency !== currency) {
        throw invalidRequest('All prices on a subscription must have the same currency.', `${at}[items]`);
      }
      return { price, quantity: int(item, 'quantity') ?? 1 };
    });
    if (!items.length) throw missingParam(`${at}[items]`);
    const explicitStart = str(entry, 'start_date') === 'now' ? now : int(entry, 'start_date');
    if (i === 0 && explicitStart !== undefined && explicitStart !== start) {
      throw invalidRequest('You cannot change the start date of the current phase.', `${at}[start_date]`);
    }
    const duration = obj(entry, 'duration');
    const recurring: NonNullable<SimPrice['recurring']> = duration
      ? {
          interval: oneOf(duration, 'interval', ['day', 'week', 'month', 'year'])!,
          interval_count: int(duration, 'interval_count') ?? 1,
          meter: null,
          trial_period_days: null,
          usage_type: 'licensed',
        }
      : items[0]!.price.recurring!;
    const end =
      str(entry, 'end_date') === 'now' ? now : (int(entry, 'end_date') ?? periodEnd(start, recurring));
    if (end <= start) throw invalidRequest('A phase must end after it starts.', `${at}[end_date]`);
    const proration =
      oneOf(entry, 'proration_behavior', ['always_invoice', 'create_prorations', 'none']) ??
      'create_prorations';
    const built = phase(
      start,
      end,
      currency,
      items.map((item) => ({ price: item.price.id, quantity: item.quantity })),
      proration,
    );
    start = end;
    return built;
  });
}

/** Update params that turn the subscription's items into `target`'s, item by item (ids kept where they line up). */
function itemsTowards(subscription: SimSubscription, target: Phase): FormParams {
  const current = subscription.items.data;
  const items: FormParams[] = target.items.map((item, i) => ({
    ...(current[i] ? { id: current[i]!.id } : {}),
    price: item.price as string,
    quantity: String(item.quantity ?? 1),
  }));
  for (const extra of current.slice(target.items.length)) items.push({ id: extra.id, deleted: 'true' });
  return { items };
}

const sameItems = (subscription: SimSubscription, target: Phase) =>
  JSON.stringify(subscription.items.data.map((item) => [item.price.id, item.quantity ?? 1])) ===
  JSON.stringify(target.items.map((item) => [item.price, item.quantity ?? 1]));

function moveTo(engine: Engine, subscription: SimSubscription, target: Phase, proration: ProrationBehavior) {
  if (sameItems(subscription, target)) return;
  applyUpdate(
    engine,
    subscription,
    { ...itemsTowards(subscription, target), proration_behavior: proration },
    {
      pay: true,
    },
  );
}

export function release(engine: Engine, schedule: SimSchedule, subscription: SimSubscription): void {
  schedule.status = 'released';
  schedule.released_at = engine.now();
  schedule.released_subscription = subscription.id;
  schedule.subscription = null;
  schedule.current_phase = null;
  const previous = { schedule: subscription.schedule };
  subscription.schedule = null;
  engine.emit('subscription_schedule.released', schedule);
  engine.emit('customer.subscription.updated', subscription, previous);
}

/**
 * Replaces the phases of an active schedule. A current phase whose items differ from the subscription's is applied
 * now (with `proration_behavior`); later phases wait for the clock.
 */
export function updateSchedule(engine: Engine, schedule: SimSchedule, params: FormParams): SimSchedule {
  if (schedule.status !== 'active') {
    throw stateError(`You cannot update a subscription schedule that is ${schedule.status}.`);
  }
  const subscription = engine.get<SimSubscription>('subscription', schedule.subscription, 'subscription');
  const endBehavior = oneOf(params, 'end_behavior', ['cancel', 'none', 'release', 'renew']);
  if (endBehavior) schedule.end_behavior = endBehavior;
  if (params.metadata !== undefined) schedule.metadata = applyMetadata(schedule.metadata ?? {}, params);
  const phases = arr(params, 'phases');
  if (phases) {
    if (!phases.length) throw missingParam('phases');
    schedule.phases = parsePhases(engine, phases, schedule.current_phase!.start_date, subscription.currency);
    const current = schedule.phases[0]!;
    schedule.current_phase = { start_date: current.start_date, end_date: current.end_date };
    const proration =
      oneOf(params, 'proration_behavior', ['always_invoice', 'create_prorations', 'none']) ??
      (current.proration_behavior as ProrationBehavior);
    moveTo(engine, subscription, current, proration);
  }
  engine.emit('subscription_schedule.updated', schedule);
  return schedule;
}

function attach(
  engine: Engine,
  subscription: SimSubscription,
  phases: Phase[],
  params: FormParams,
): SimSchedule {
  const first = phases[0]!;
  const schedule = engine.put<SimSchedule>({
    id: newId('sub_sched'),
    object: 'subscription_schedule',
    canceled_at: null,
    completed_at: null,
    created: engine.now(),
    current_phase: { start_date: first.start_date, end_date: first.end_date },
    customer: subscription.customer,
    end_behavior: oneOf(params, 'end_behavior', ['cancel', 'none', 'release', 'renew']) ?? 'release',
    livemode: false,
    metadata: applyMetadata({}, params),
    phases,
    released_at: null,
    released_subscription: null,
    status: 'active',
    subscription: subscription.id,
    test_clock: subscription.test_clock,
  });
  const previous = { schedule: subscription.schedule };
  subscription.schedule = schedule.id;
  engine.emit('subscription_schedule.created', schedule);
  engine.emit('customer.subscription.updated', subscription, previous);
  return schedule;
}

export function createSchedule(engine: Engine, params: FormParams): SimSchedule {
  const fromId = str(params, 'from_subscription');
  if (fromId) {
    if (params.phases !== undefined || params.customer !== undefined) {
      throw invalidRequest(
        'You cannot set phases or customer together with from_subscription.',
        'from_subscription',
      );
    }
    const subscription = engine.get<SimSubscription>(
      'subscription',
      fromId,
      'subscription',
      'from_subscription',
    );
    if (subscription.schedule) {
      throw invalidRequest(
        `The subscription ${subscription.id} is already attached to a schedule.`,
        'from_subscription',
      );
    }
    if (subscription.status === 'canceled')
      throw stateError('A canceled subscription cannot get a schedule.');
    const item = subscription.items.data[0]!;
    const current = phase(
      item.current_period_start,
      item.current_period_end,
      subscription.currency,
      subscription.items.data.map((i) => ({ price: i.price.id, quantity: i.quantity ?? 1 })),
      'create_prorations',
    );
    return attach(engine, subscription, [current], params);
  }
  const customer = str(params, 'customer', true)!;
  const start = str(params, 'start_date');
  if (start !== undefined && start !== 'now' && Number(start) !== engine.now()) {
    throw invalidRequest(
      'The simulator starts schedules now; a future start_date is not supported yet.',
      'start_date',
    );
  }
  const phases = arr(params, 'phases');
  if (!phases?.length) throw missingParam('phases');
  const firstItems = (phases[0] as FormParams).items;
  const subscription = createSubscription(engine, {
    customer,
    items: (Array.isArray(firstItems) ? firstItems : []).map((item) => ({
      price: str(item as FormParams, 'price', true)!,
      quantity: int(item as FormParams, 'quantity'),
    })),
  });
  return attach(
    engine,
    subscription,
    parsePhases(engine, phases, engine.now(), subscription.currency),
    params,
  );
}

/** At the current phase's end: the next phase's items take over, or the schedule ends by its `end_behavior`. */
dueStepSources.push((engine, subscription) => {
  const schedule = subscription.schedule
    ? engine.find<SimSchedule>('subscription_schedule', subscription.schedule)
    : undefined;
  if (schedule?.status !== 'active' || !schedule.current_phase) return undefined;
  const at = schedule.current_phase.end_date;
  return {
    at,
    rank: 3,
    run: () => {
      const index = schedule.phases.findIndex((p) => p.start_date === at);
      const next = index >= 0 ? schedule.phases[index]! : undefined;
      if (next) {
        schedule.current_phase = { start_date: next.start_date, end_date: next.end_date };
        // At a period boundary nothing is left to prorate: the renewal that follows bills the new items.
        const boundary = subscription.items.data[0]!.current_period_end === at;
        moveTo(
          engine,
          subscription,
          next,
          boundary ? 'none' : (next.proration_behavior as ProrationBehavior),
        );
        engine.emit('subscription_schedule.updated', schedule);
      } else if (schedule.end_behavior === 'cancel') {
        schedule.status = 'completed';
        schedule.completed_at = at;
        schedule.current_phase = null;
        cancelSubscription(engine, subscription);
        engine.emit('subscription_schedule.completed', schedule);
      } else release(engine, schedule, subscription);
    },
  };
});
