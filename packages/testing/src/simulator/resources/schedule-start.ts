import type { Engine } from '../engine';
import { invalidRequest, missingParam } from '../errors';
import type { FormParams } from '../form';
import { arr, str } from '../params';
import type { DueStep } from './billing-cycle';
import { liveCustomer } from './customers';
import { newSchedule, parsePhases, type SimSchedule } from './subscription-schedules';
import { createSubscription, recurringPrice } from './subscriptions';

// A schedule whose `start_date` is in the future waits as `not_started`, with no subscription, until its start;
// then it creates the subscription of its first phase and becomes `active`. Only time moves it, so on the
// simulator only a test clock does.

/** Creates a `not_started` schedule for `customer` whose first phase begins at `start`. */
export function createFutureSchedule(engine: Engine, params: FormParams, start: number): SimSchedule {
  const customer = liveCustomer(engine, str(params, 'customer', true));
  const phases = arr(params, 'phases');
  if (!phases?.length) throw missingParam('phases');
  const firstItems = (phases[0] as FormParams).items;
  const firstPrice = Array.isArray(firstItems) ? (firstItems[0] as FormParams | undefined) : undefined;
  if (!firstPrice) throw missingParam('phases[0][items]');
  const currency = recurringPrice(
    engine,
    str(firstPrice, 'price', true),
    'phases[0][items][0][price]',
  ).currency;
  const schedule = engine.put<SimSchedule>({
    ...newSchedule(engine, params, parsePhases(engine, phases, start, currency)),
    current_phase: null,
    customer: customer.id,
    status: 'not_started',
    subscription: null,
    test_clock: customer.test_clock ?? null,
  });
  engine.emit('subscription_schedule.created', schedule);
  return schedule;
}

/** `start_date` of a new schedule: `now`, a timestamp now or later, or nothing (now). */
export function scheduleStart(engine: Engine, params: FormParams): number {
  const now = engine.now();
  const value = str(params, 'start_date');
  if (value === undefined || value === 'now') return now;
  const start = Number(value);
  if (!Number.isInteger(start))
    throw invalidRequest('Invalid start_date: must be an integer or now', 'start_date');
  // Stripe backdates a schedule whose start is in the past; the simulator does not bill the past.
  if (start < now) throw invalidRequest('The simulator cannot start a schedule in the past.', 'start_date');
  return start;
}

function start(engine: Engine, schedule: SimSchedule): void {
  const first = schedule.phases[0]!;
  const subscription = createSubscription(engine, {
    customer: schedule.customer as string,
    items: first.items.map((item) => ({ price: item.price as string, quantity: item.quantity ?? 1 })),
  });
  schedule.status = 'active';
  schedule.subscription = subscription.id;
  schedule.current_phase = { start_date: first.start_date, end_date: first.end_date };
  const previous = { schedule: subscription.schedule };
  subscription.schedule = schedule.id;
  engine.emit('customer.subscription.updated', subscription, previous);
  engine.emit('subscription_schedule.updated', schedule);
}

/** The starts due of the `not_started` schedules on a test clock. */
export function scheduleStartSteps(engine: Engine, clockId: string): DueStep[] {
  return engine
    .all('subscription_schedule', (s) => s.status === 'not_started' && s.test_clock === clockId)
    .map((schedule) => ({ at: schedule.phases[0]!.start_date, rank: 0, run: () => start(engine, schedule) }));
}
