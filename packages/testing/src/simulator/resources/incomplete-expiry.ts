import type { Engine } from '../engine';
import type { SimSubscription } from '../types';
import type { DueStep } from './billing-cycle';
import { voidInvoice } from './invoice-void';

// Stripe gives a new subscription 23 hours to pay its first invoice: until then it is `incomplete` (a declined
// card, 3-D Secure pending, `default_incomplete`); after, it is `incomplete_expired`, a terminal state, and the
// invoice is voided. Only time moves it there, so on the simulator only a test clock does.

/** How long an incomplete subscription waits for its first payment. */
export const INCOMPLETE_WINDOW = 23 * 3600;

function expire(engine: Engine, subscription: SimSubscription): void {
  const invoice = engine.find('invoice', subscription.latest_invoice);
  if (invoice?.status === 'open') voidInvoice(engine, invoice);
  const previous = { status: subscription.status, canceled_at: null, ended_at: null };
  const now = engine.now();
  subscription.status = 'incomplete_expired';
  subscription.canceled_at = now;
  subscription.ended_at = now;
  engine.emit('customer.subscription.updated', subscription, previous);
}

/** The expiry of an incomplete subscription, due 23 hours after it was created. */
export function incompleteExpiryStep(engine: Engine, subscription: SimSubscription): DueStep | undefined {
  if (subscription.status !== 'incomplete') return undefined;
  return { at: subscription.created + INCOMPLETE_WINDOW, rank: 0, run: () => expire(engine, subscription) };
}
