import type { Engine } from '../engine';
import type { SimInvoice, SimSubscription } from '../types';
import type { DueStep } from './billing-cycle';
import { invoicePaymentIntent } from './invoices';

// Stripe gives a new subscription 23 hours to pay its first invoice: until then it is `incomplete` (a declined
// card, 3-D Secure pending, `default_incomplete`); after, it is `incomplete_expired`, a terminal state, and the
// invoice is voided. Only time moves it there, so on the simulator only a test clock does.

/** How long an incomplete subscription waits for its first payment. */
export const INCOMPLETE_WINDOW = 23 * 3600;

/** Voids an open invoice as Stripe does: its PaymentIntent is canceled (`void_invoice`) and nothing is owed. */
function voidInvoice(engine: Engine, invoice: SimInvoice): void {
  const piId = invoicePaymentIntent(engine, invoice.id);
  const pi = piId ? engine.find('payment_intent', piId) : undefined;
  if (pi && pi.status !== 'succeeded' && pi.status !== 'canceled') {
    pi.status = 'canceled';
    pi.canceled_at = engine.now();
    pi.cancellation_reason = 'void_invoice';
    pi.next_action = null;
    engine.emit('payment_intent.canceled', pi);
  }
  invoice.status = 'void';
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions = { ...invoice.status_transitions, voided_at: engine.now() };
  engine.emit('invoice.voided', invoice);
}

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
