import { ACCEPTS } from '../accepted-params';
import { invalidRequest } from '../errors';
import type { FormParams } from '../form';
import { paginate, withExpand } from '../list';
import { applyMetadata, arr, bool, int, oneOf, str } from '../params';
import type { Route } from '../route';
import type { SimSubscription } from '../types';
import { atCustomerTime } from './clock-time';
import { resolvePaymentMethod } from './payment-methods';
import { updateSubscription } from './subscription-update';
import {
  cancelSubscription,
  createSubscription,
  missingPaymentMethodParam,
  type NewSubscription,
  trialEndParam,
} from './subscriptions';

function itemsParam(params: FormParams) {
  return (arr(params, 'items') ?? []).map((item, i) => {
    if (typeof item !== 'object' || Array.isArray(item)) throw invalidRequest('Invalid items', `items[${i}]`);
    return { price: str(item, 'price', true)!, quantity: int(item, 'quantity') };
  });
}

export const subscriptionRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/subscriptions',
    accepts: ACCEPTS.subscriptionCreate,
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer', true)!;
      const pmId = str(params, 'default_payment_method');
      const subscription = atCustomerTime(engine, customer, () =>
        createSubscription(engine, {
          customer,
          items: itemsParam(params),
          paymentMethod: pmId ? resolvePaymentMethod(engine, pmId, 'default_payment_method') : null,
          paymentBehavior: oneOf(params, 'payment_behavior', [
            'allow_incomplete',
            'default_incomplete',
            'error_if_incomplete',
            'pending_if_incomplete',
          ]) as NewSubscription['paymentBehavior'],
          metadata: applyMetadata({}, params),
          trialDays: int(params, 'trial_period_days'),
          trialEnd: trialEndParam(params),
          missingPaymentMethod: missingPaymentMethodParam(params),
          cancelAtPeriodEnd: bool(params, 'cancel_at_period_end'),
          discounts: params.discounts,
        }),
      );
      return withExpand(engine, subscription, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions/:id',
    accepts: ACCEPTS.subscriptionRetrieve,
    handler: ({ engine, params, path }) =>
      withExpand(engine, engine.get<SimSubscription>('subscription', path.id, 'subscription'), params),
  },
  {
    method: 'POST',
    path: '/v1/subscriptions/:id',
    accepts: ACCEPTS.subscriptionUpdate,
    handler: ({ engine, params, path }) => {
      const subscription = engine.get<SimSubscription>('subscription', path.id, 'subscription');
      return withExpand(
        engine,
        atCustomerTime(engine, subscription.customer, () => updateSubscription(engine, subscription, params)),
        params,
      );
    },
  },
  {
    method: 'DELETE',
    path: '/v1/subscriptions/:id',
    accepts: ACCEPTS.subscriptionCancel,
    handler: ({ engine, params, path }) => {
      const subscription = engine.get<SimSubscription>('subscription', path.id, 'subscription');
      return withExpand(
        engine,
        atCustomerTime(engine, subscription.customer, () => cancelSubscription(engine, subscription)),
        params,
      );
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions',
    accepts: ACCEPTS.subscriptionList,
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer');
      const price = str(params, 'price');
      const status = str(params, 'status');
      const clock = str(params, 'test_clock');
      const items = engine.all<SimSubscription>(
        'subscription',
        (sub) =>
          (!customer || sub.customer === customer) &&
          (!clock || sub.test_clock === clock) &&
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
