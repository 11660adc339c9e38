import type Stripe from 'stripe';
import type { Engine } from '../engine';
import { SimulatorError } from '../errors';
import { newId } from '../ids';
import type {
  SimCustomer,
  SimInvoice,
  SimInvoiceLine,
  SimPaymentIntent,
  SimPaymentMethod,
  SimPrice,
  SimSubscription,
} from '../types';
import { activeDiscounts, afterInvoiced, discountLines } from './coupons';
import type { SimInvoiceItem } from './invoice-items';
import { pendingLines } from './invoice-items';
import { attemptPayment } from './payment-attempts';
import { createPaymentIntent } from './payment-intents';

interface InvoiceSecrets {
  paymentIntent?: string;
}

/** An invoice line before it is on an invoice: a subscription item's period or a proration. */
export interface DraftLine {
  amount: number;
  description: string;
  period: { start: number; end: number };
  quantity: number;
  price: Pick<SimPrice, 'id' | 'product'>;
  subscriptionItem: string;
  proration: boolean;
  /** The pending invoice item the line comes from (prorations made with `create_prorations`). */
  invoiceItem?: string;
}

export type InvoiceReason = 'subscription_create' | 'subscription_cycle' | 'subscription_update';

/** How Stripe names a price on invoice lines: the product's name, else the price's nickname or id. */
export function priceLabel(engine: Engine, price: Pick<SimPrice, 'id' | 'product'>): string {
  const product = engine.find<{ name: string }>('product', price.product);
  return product?.name ?? price.id;
}

/** The subscription's items for their current period; nothing is charged while trialing. */
export function cycleLines(engine: Engine, subscription: SimSubscription): DraftLine[] {
  const trialing = subscription.status === 'trialing';
  return subscription.items.data.map((item) => {
    const quantity = item.quantity ?? 1;
    const label = priceLabel(engine, item.price);
    return {
      amount: trialing ? 0 : (item.price.unit_amount ?? 0) * quantity,
      description: trialing ? `Trial period for ${label}` : `${quantity} × ${label}`,
      period: { start: item.current_period_start, end: item.current_period_end },
      quantity,
      price: item.price,
      subscriptionItem: item.id,
      proration: false,
    };
  });
}

/**
 * Creates a draft invoice for a subscription with its discounts applied (and emits `invoice.created`). Pending
 * invoice items among `lines` now belong to it; a `once` discount is used up.
 */
export function draftInvoice(
  engine: Engine,
  subscription: SimSubscription,
  reason: InvoiceReason,
  lines: DraftLine[],
  options: { autoFinalizeAt?: number; period?: { start: number; end: number } } = {},
): SimInvoice {
  const autoFinalizeAt = options.autoFinalizeAt ?? null;
  const customer = engine.get<SimCustomer>('customer', subscription.customer, 'customer');
  const id = newId('in');
  const now = engine.now();
  const item = subscription.items.data[0]!;
  // Stripe's invoice period is the span its pending items were collected over; a new period's lines carry their own.
  const period = options.period ?? { start: now, end: now };
  const discounts = activeDiscounts(engine, subscription.discounts as string[], item.current_period_start);
  const shares = discountLines(
    engine,
    discounts,
    lines.map((line) => line.amount),
  );
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const totalDiscounts = discounts.map((discount) => ({
    discount,
    amount: shares.reduce((sum, line) => sum + (line.find((s) => s.discount === discount)?.amount ?? 0), 0),
  }));
  const total = subtotal - totalDiscounts.reduce((sum, d) => sum + d.amount, 0);
  const invoice = engine.put<SimInvoice>({
    id,
    object: 'invoice',
    amount_due: Math.max(total, 0),
    amount_paid: 0,
    amount_remaining: Math.max(total, 0),
    attempt_count: 0,
    attempted: false,
    automatically_finalizes_at: autoFinalizeAt,
    billing_reason: reason,
    collection_method: 'charge_automatically',
    confirmation_secret: null,
    created: now,
    currency: subscription.currency,
    customer: customer.id,
    customer_email: customer.email,
    default_payment_method: null,
    description: null,
    discounts,
    hosted_invoice_url: `${engine.baseUrl()}/_simulator/invoices/${id}`,
    invoice_pdf: `${engine.baseUrl()}/_simulator/invoices/${id}/pdf`,
    livemode: false,
    metadata: {},
    next_payment_attempt: autoFinalizeAt,
    number: null,
    parent: {
      quote_details: null,
      subscription_details: {
        metadata: structuredClone(subscription.metadata),
        subscription: subscription.id,
      },
      type: 'subscription_details',
    } as Stripe.Invoice.Parent,
    period_end: period.end,
    period_start: period.start,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal,
    test_clock: subscription.test_clock,
    total,
    total_discount_amounts: totalDiscounts,
    lines: {
      object: 'list',
      data: lines.map((line, i) => invoiceLine(subscription, id, line, shares[i]!)),
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
    },
  });
  for (const line of lines) {
    const pending = line.invoiceItem
      ? engine.find<SimInvoiceItem>('invoiceitem', line.invoiceItem)
      : undefined;
    if (pending) pending.invoice = id;
  }
  if (discounts.length) subscription.discounts = afterInvoiced(engine, subscription.discounts as string[]);
  engine.emit('invoice.created', invoice);
  return invoice;
}

function invoiceLine(
  subscription: SimSubscription,
  invoiceId: string,
  line: DraftLine,
  discounts: Array<{ discount: string; amount: number }>,
): SimInvoiceLine {
  return {
    id: newId('il'),
    object: 'line_item',
    amount: line.amount,
    currency: subscription.currency,
    description: line.description,
    discount_amounts: discounts,
    discountable: true,
    discounts: discounts.map((d) => d.discount),
    invoice: invoiceId,
    livemode: false,
    metadata: {},
    parent: {
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: line.invoiceItem ?? null,
        proration: line.proration,
        proration_details: line.proration ? { credited_items: null } : null,
        subscription: subscription.id,
        subscription_item: line.subscriptionItem,
      },
      type: 'subscription_item_details',
    },
    period: line.period,
    pricing: {
      price_details: { price: line.price.id, product: line.price.product as string },
      type: 'price_details',
      unit_amount_decimal: null,
    },
    quantity: line.quantity,
    subscription: subscription.id,
    subtotal: line.amount,
  };
}

/**
 * Finalises a draft: applies the customer's credit balance, numbers it, and creates its PaymentIntent (exposed
 * as `confirmation_secret` and `payments`). An invoice with nothing to pay is paid at once.
 */
export function finalizeInvoice(engine: Engine, invoice: SimInvoice): void {
  const customer = engine.get<SimCustomer>('customer', invoice.customer, 'customer');
  const sequence = customer.next_invoice_sequence ?? 1;
  customer.next_invoice_sequence = sequence + 1;
  // A negative total (a downgrade's credit) goes to the balance; a credit balance pays part of the next one.
  const due = invoice.total + customer.balance;
  customer.balance = Math.min(due, 0);
  invoice.amount_due = Math.max(due, 0);
  invoice.amount_remaining = invoice.amount_due;
  invoice.status = 'open';
  invoice.number = `${customer.invoice_prefix}-${String(sequence).padStart(4, '0')}`;
  invoice.automatically_finalizes_at = null;
  invoice.next_payment_attempt = null;
  invoice.status_transitions = { ...invoice.status_transitions, finalized_at: engine.now() };
  if (invoice.amount_due > 0) {
    const pi = createPaymentIntent(engine, {
      amount: String(invoice.amount_due),
      currency: invoice.currency,
      customer: customer.id,
      description:
        invoice.billing_reason === 'subscription_create' ? 'Subscription creation' : 'Subscription update',
      setup_future_usage: 'off_session',
    });
    engine.secret<InvoiceSecrets>(invoice.id).paymentIntent = pi.id;
    engine.secret<{ invoice?: string }>(pi.id).invoice = invoice.id;
    invoice.confirmation_secret = { client_secret: pi.client_secret!, type: 'payment_intent' };
  }
  engine.emit('invoice.finalized', invoice);
  if (invoice.amount_due === 0) markInvoicePaid(engine, invoice);
}

/**
 * Charges an open invoice with `pm`. Returns whether it is paid. A decline emits `invoice.payment_failed` (and
 * `invoice.payment_action_required` when the bank asks for 3-D Secure off-session) and is rethrown only with
 * `rethrowDecline`; an on-session 3-D Secure card leaves the PaymentIntent in `requires_action`.
 */
export function payInvoice(
  engine: Engine,
  invoice: SimInvoice,
  pm: SimPaymentMethod | null,
  options: {
    rethrowDecline?: boolean;
    offSession?: boolean;
    /** When to try again after this attempt fails (`null`: no retry); shown as `next_payment_attempt`. */
    retryAt?: (attemptCount: number) => number | null;
  } = {},
): boolean {
  if (invoice.status === 'paid') return true;
  const piId = invoicePaymentIntent(engine, invoice.id);
  const pi = piId ? engine.find<SimPaymentIntent>('payment_intent', piId) : undefined;
  if (!pi || !pm) return false;
  invoice.attempted = true;
  invoice.attempt_count += 1;
  try {
    attemptPayment(engine, pi, pm, { offSession: options.offSession });
  } catch (error) {
    if (!(error instanceof SimulatorError)) throw error;
    invoice.next_payment_attempt = options.retryAt?.(invoice.attempt_count) ?? null;
    engine.emit('invoice.payment_failed', invoice);
    if (error.body.code === 'authentication_required')
      engine.emit('invoice.payment_action_required', invoice);
    if (options.rethrowDecline) throw error;
    return false;
  }
  if (pi.status === 'requires_action') engine.emit('invoice.payment_action_required', invoice);
  return invoice.status === 'paid';
}

/** Drafts, finalises and charges a subscription invoice at once (creation, updates, `sim.renewSubscription`). */
export function createSubscriptionInvoice(
  engine: Engine,
  subscription: SimSubscription,
  reason: InvoiceReason,
  pm: SimPaymentMethod | null,
  options: { rethrowDecline?: boolean; offSession?: boolean; lines?: DraftLine[] } = {},
): SimInvoice {
  const lines = options.lines ?? [...cycleLines(engine, subscription), ...pendingLines(engine, subscription)];
  const invoice = draftInvoice(engine, subscription, reason, lines);
  finalizeInvoice(engine, invoice);
  if (invoice.status === 'open') payInvoice(engine, invoice, pm, options);
  return invoice;
}

/** The invoice's PaymentIntent id (Stripe exposes it through `payments`). */
export function invoicePaymentIntent(engine: Engine, invoiceId: string): string | undefined {
  return engine.secret<InvoiceSecrets>(invoiceId).paymentIntent;
}

export function markInvoicePaid(engine: Engine, invoice: SimInvoice): void {
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions = { ...invoice.status_transitions, paid_at: engine.now() };
  engine.emit('invoice.paid', invoice);
  engine.emit('invoice.payment_succeeded', invoice);
}
