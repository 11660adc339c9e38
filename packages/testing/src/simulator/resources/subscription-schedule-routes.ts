import { BILLING_ACCEPTS } from '../billing-params';
import type { Engine } from '../engine';
import { stateError } from '../errors';
import { paginate, withExpand } from '../list';
import { str } from '../params';
import type { Route } from '../route';
import type { SimSubscription } from '../types';
import { atCustomerTime } from './clock-time';
import { createSchedule, release, type SimSchedule, updateSchedule } from './subscription-schedules';
import { cancelSubscription } from './subscriptions';

const getSchedule = (engine: Engine, id: unknown) =>
  engine.get<SimSchedule>('subscription_schedule', id, 'subscription_schedule');

export const subscriptionScheduleRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/subscription_schedules',
    accepts: BILLING_ACCEPTS.scheduleCreate,
    handler: ({ engine, params }) => {
      const fromId = str(params, 'from_subscription');
      const owner = fromId ? engine.find<SimSubscription>('subscription', fromId)?.customer : params.customer;
      return withExpand(
        engine,
        atCustomerTime(engine, owner, () => createSchedule(engine, params)),
        params,
      );
    },
  },
  {
    method: 'GET',
    path: '/v1/subscription_schedules/:id',
    accepts: BILLING_ACCEPTS.scheduleRetrieve,
    handler: ({ engine, params, path }) => withExpand(engine, getSchedule(engine, path.id), params),
  },
  {
    method: 'POST',
    path: '/v1/subscription_schedules/:id',
    accepts: BILLING_ACCEPTS.scheduleUpdate,
    handler: ({ engine, params, path }) => {
      const schedule = getSchedule(engine, path.id);
      return withExpand(
        engine,
        atCustomerTime(engine, schedule.customer, () => updateSchedule(engine, schedule, params)),
        params,
      );
    },
  },
  {
    method: 'POST',
    path: '/v1/subscription_schedules/:id/release',
    accepts: BILLING_ACCEPTS.scheduleRelease,
    handler: ({ engine, params, path }) => {
      const schedule = getSchedule(engine, path.id);
      if (schedule.status !== 'active' && schedule.status !== 'not_started') {
        throw stateError(`You cannot release a subscription schedule that is ${schedule.status}.`);
      }
      const subscription = engine.get<SimSubscription>('subscription', schedule.subscription, 'subscription');
      atCustomerTime(engine, schedule.customer, () => release(engine, schedule, subscription));
      return withExpand(engine, schedule, params);
    },
  },
  {
    method: 'POST',
    path: '/v1/subscription_schedules/:id/cancel',
    accepts: BILLING_ACCEPTS.scheduleCancel,
    handler: ({ engine, params, path }) => {
      const schedule = getSchedule(engine, path.id);
      if (schedule.status !== 'active' && schedule.status !== 'not_started') {
        throw stateError(`You cannot cancel a subscription schedule that is ${schedule.status}.`);
      }
      atCustomerTime(engine, schedule.customer, () => {
        const subscription = engine.find<SimSubscription>('subscription', schedule.subscription);
        if (subscription && subscription.status !== 'canceled') cancelSubscription(engine, subscription);
        schedule.status = 'canceled';
        schedule.canceled_at = engine.now();
        schedule.current_phase = null;
        engine.emit('subscription_schedule.canceled', schedule);
      });
      return withExpand(engine, schedule, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/subscription_schedules',
    accepts: BILLING_ACCEPTS.scheduleList,
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer');
      const items = engine.all<SimSchedule>(
        'subscription_schedule',
        (s) => !customer || s.customer === customer,
      );
      return paginate(engine, items, params, '/v1/subscription_schedules');
    },
  },
];
