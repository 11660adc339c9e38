import { BILLING_ACCEPTS } from '../billing-params';
import type { Engine } from '../engine';
import { invalidRequest } from '../errors';
import { newId } from '../ids';
import { paginate, withExpand } from '../list';
import { int, str } from '../params';
import type { Route } from '../route';
import type { SimCustomer, SimSubscription } from '../types';
import { runDueSteps } from './billing-cycle';
import type { SimTestClock } from './clock-time';
import { periodEnd } from './subscriptions';

const getClock = (engine: Engine, id: unknown) =>
  engine.get<SimTestClock>('test_helpers.test_clock', id, 'test_helpers.test_clock');

const onClock = (engine: Engine, clock: SimTestClock) => () =>
  engine
    .all<SimSubscription>('subscription', (sub) => sub.test_clock === clock.id)
    .reverse()
    .map((s) => s.id);

/** Stripe lets a clock move at most two intervals of its shortest-interval subscription at a time. */
function latestTarget(engine: Engine, clock: SimTestClock): number {
  let limit = Number.POSITIVE_INFINITY;
  for (const id of onClock(engine, clock)()) {
    const sub = engine.get<SimSubscription>('subscription', id, 'subscription');
    if (['canceled', 'incomplete_expired'].includes(sub.status)) continue;
    for (const item of sub.items.data) {
      const recurring = item.price.recurring!;
      limit = Math.min(limit, periodEnd(periodEnd(clock.frozen_time, recurring), recurring));
    }
  }
  return limit;
}

/**
 * Moves the clock to `frozenTime`, running everything billing would do meanwhile on its customers' subscriptions
 * (see billing-cycle.ts), each step at its own time. Answers the clock as Stripe does, `advancing`; by the next
 * read it is `ready`, because the simulator finishes the work before answering.
 */
export function advanceClock(engine: Engine, clock: SimTestClock, frozenTime: number): SimTestClock {
  if (clock.status !== 'ready') {
    throw invalidRequest(`This test clock is ${clock.status}; only a ready test clock can advance.`);
  }
  if (frozenTime <= clock.frozen_time) {
    throw invalidRequest(
      'The frozen time must be after the current frozen time of the test clock.',
      'frozen_time',
    );
  }
  if (frozenTime > latestTarget(engine, clock)) {
    throw invalidRequest(
      'A test clock cannot advance more than two intervals of its shortest subscription interval at once; advance it in smaller steps.',
      'frozen_time',
    );
  }
  clock.status = 'advancing';
  clock.status_details = { advancing: { target_frozen_time: frozenTime } };
  const answer = structuredClone(clock);
  engine.at(clock.frozen_time, () => engine.emit('test_helpers.test_clock.advancing', clock));
  try {
    runDueSteps(engine, onClock(engine, clock), frozenTime, (at) => {
      clock.frozen_time = at;
    });
  } catch (error) {
    // Stripe's status for a clock whose advance broke; the clock cannot be advanced again.
    clock.status = 'internal_failure';
    clock.status_details = {};
    throw error;
  }
  clock.frozen_time = frozenTime;
  clock.status = 'ready';
  clock.status_details = {};
  engine.at(frozenTime, () => engine.emit('test_helpers.test_clock.ready', clock));
  return answer;
}

/** Deleting a clock deletes the customers on it and everything billed to them, as on Stripe. */
function deleteClock(engine: Engine, clock: SimTestClock): void {
  const customers = new Set(
    engine.all<SimCustomer>('customer', (c) => c.test_clock === clock.id).map((c) => c.id),
  );
  for (const object of [...engine.objects.values()]) {
    if (object.test_clock === clock.id || customers.has(object.customer as string)) engine.delete(object.id);
  }
  engine.delete(clock.id);
  engine.emit('test_helpers.test_clock.deleted', clock);
}

export const testClockRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/test_helpers/test_clocks',
    accepts: BILLING_ACCEPTS.testClockCreate,
    handler: ({ engine, params }) => {
      const now = engine.now();
      const clock = engine.put<SimTestClock>({
        id: newId('clock'),
        object: 'test_helpers.test_clock',
        created: now,
        deletes_after: now + 30 * 86_400,
        frozen_time: int(params, 'frozen_time', true)!,
        livemode: false,
        name: str(params, 'name') ?? null,
        status: 'ready',
        status_details: {},
      });
      engine.emit('test_helpers.test_clock.created', clock);
      return withExpand(engine, clock, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/test_helpers/test_clocks/:id',
    accepts: BILLING_ACCEPTS.testClockRetrieve,
    handler: ({ engine, params, path }) => withExpand(engine, getClock(engine, path.id), params),
  },
  {
    method: 'GET',
    path: '/v1/test_helpers/test_clocks',
    accepts: BILLING_ACCEPTS.testClockList,
    handler: ({ engine, params }) =>
      paginate(
        engine,
        engine.all<SimTestClock>('test_helpers.test_clock'),
        params,
        '/v1/test_helpers/test_clocks',
      ),
  },
  {
    method: 'DELETE',
    path: '/v1/test_helpers/test_clocks/:id',
    accepts: BILLING_ACCEPTS.testClockDelete,
    handler: ({ engine, path }) => {
      const clock = getClock(engine, path.id);
      deleteClock(engine, clock);
      return { id: clock.id, object: 'test_helpers.test_clock', deleted: true };
    },
  },
  {
    method: 'POST',
    path: '/v1/test_helpers/test_clocks/:id/advance',
    accepts: BILLING_ACCEPTS.testClockAdvance,
    handler: ({ engine, params, path }) =>
      withExpand(
        engine,
        advanceClock(engine, getClock(engine, path.id), int(params, 'frozen_time', true)!),
        params,
      ),
  },
];
