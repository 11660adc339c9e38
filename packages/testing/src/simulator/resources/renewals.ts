import type { Engine } from '../engine';
import { stateError } from '../errors';
import type { SimSubscription } from '../types';
import { createSubscriptionInvoice } from './invoices';
import { cancelSubscription, periodEnd } from './subscriptions';

/**
 * Ends a subscription's current period, as Stripe's billing clock would: a subscription set to cancel at period
 * end is canceled; otherwise the items move to the next period and a `subscription_cycle` invoice charges the
 * default payment method off-session. A failed charge makes the subscription `past_due`.
 */
export function renewSubscription(engine: Engine, id: string): SimSubscription {
  const subscription = engine.get('subscription', id);
  if (!['active', 'trialing', 'past_due'].includes(subscription.status)) {
    throw stateError(`A subscription with status ${subscription.status} cannot be renewed.`);
  }
  if (subscription.cancel_at_period_end) return cancelSubscription(engine, subscription);
  const previous = {
    status: subscription.status,
    items: structuredClone(subscription.items),
    latest_invoice: subscription.latest_invoice,
  };
  for (const item of subscription.items.data) {
    const start = item.current_period_end;
    item.current_period_start = start;
    item.current_period_end = item.price.recurring ? periodEnd(start, item.price.recurring) : start;
  }
  if (subscription.status === 'trialing') subscription.status = 'active';
  const customer = engine.get('customer', subscription.customer);
  const pmId = subscription.default_payment_method ?? customer.invoice_settings.default_payment_method;
  const pm = pmId ? (engine.find('payment_method', pmId) ?? null) : null;
  const invoice = createSubscriptionInvoice(engine, subscription, 'subscription_cycle', pm, {
    offSession: true,
  });
  subscription.latest_invoice = invoice.id;
  subscription.status = invoice.status === 'paid' ? 'active' : 'past_due';
  engine.emit('customer.subscription.updated', subscription, previous);
  return subscription;
}
