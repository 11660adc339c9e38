import type { Engine } from '../engine';
import { stateError } from '../errors';
import type { SimSubscription } from '../types';
import { endPeriod } from './billing-cycle';
import { atCustomerTime } from './clock-time';
import { cancelSubscription } from './subscriptions';

/**
 * Ends a subscription's current period now, without a test clock: a subscription set to cancel at period end is
 * canceled; otherwise the items move to the next period and a `subscription_cycle` invoice is finalised and
 * charged off-session at once. A failed charge makes the subscription `past_due` (retries need a test clock).
 */
export function renewSubscription(engine: Engine, id: string): SimSubscription {
  const subscription = engine.get<SimSubscription>('subscription', id, 'subscription');
  if (!['active', 'trialing', 'past_due'].includes(subscription.status)) {
    throw stateError(`A subscription with status ${subscription.status} cannot be renewed.`);
  }
  return atCustomerTime(engine, subscription.customer, () => {
    if (subscription.cancel_at_period_end) return cancelSubscription(engine, subscription);
    endPeriod(engine, subscription, true);
    return subscription;
  });
}
