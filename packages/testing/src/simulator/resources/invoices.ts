import type Stripe from 'stripe';
import type { Engine } from '../engine';
import { SimulatorError } from '../errors';
import { newId } from '../ids';
import { expandObject, PAGE_PARAMS, paginate } from '../list';
import { expandList, str } from '../params';
import type { Route } from '../route';
import type { SimInvoice, SimPaymentMethod, SimSubscription } from '../types';
import { attemptPayment } from './payment-attempts';
import { createPaymentIntent } from './payment-intents';

interface InvoiceSecrets {
  paymentIntent?: string;
}

/**
 * Creates and finalises a subscription's invoice, then charges `pm` when given. A decline leaves the invoice open
 * (and is rethrown for `error_if_incomplete`); 3-D Secure leaves the PaymentIntent in `requires_action`.
 */
export function createSubscriptionInvoice(
  engine: Engine,
  subscription: SimSubscription,
  reason: 'subscription_create' | 'subscription_cycle',
  pm: SimPaymentMethod | null,
  options: { rethrowDecline?: boolean; offSession?: boolean } = {},
): SimInvoice {
  const customer = engine.get('customer', subscription.customer);
  const item = subscription.items.data[0]!;
  const id = newId('in');
  const total =
    subscription.status === 'trialing'
      ? 0
      : subscription.items.data.reduce(
          (sum, line) => sum + (line.price.unit_amount ?? 0) * (line.quantity ?? 1),
          0,
        );
  const sequence = customer.next_invoice_sequence ?? 1;
  customer.next_invoice_sequence = sequence + 1;
  const now = engine.now();
  const invoice = engine.put<SimInvoice>({
    id,
    object: 'invoice',
    amount_due: total,
    amount_paid: 0,
    amount_remaining: total,
    attempt_count: 0,
    attempted: false,
    billing_reason: reason,
    collection_method: 'charge_automatically',
    confirmation_secret: null,
    created: now,
    currency: subscription.currency,
    customer: customer.id,
    customer_email: customer.email,
    default_payment_method: null,
    description: null,
    hosted_invoice_url: `${engine.baseUrl()}/_simulator/invoices/${id}`,
    invoice_pdf: `${engine.baseUrl()}/_simulator/invoices/${id}/pdf`,
    livemode: false,
    metadata: {},
    number: `${customer.invoice_prefix}-${String(sequence).padStart(4, '0')}`,
    parent: {
      quote_details: null,
      subscription_details: {
        metadata: structuredClone(subscription.metadata),
        subscription: subscription.id,
      },
      type: 'subscription_details',
    } as Stripe.Invoice.Parent,
    period_end: item.current_period_end,
    period_start: item.current_period_start,
    status: 'open',
    status_transitions: { finalized_at: now, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    total,
    lines: {
      object: 'list',
      data: subscription.items.data.map((line) => ({
        id: newId('il'),
        object: 'line_item',
        amount: (line.price.unit_amount ?? 0) * (line.quantity ?? 1) * (total === 0 ? 0 : 1),
        currency: subscription.currency,
        description: `${line.quantity ?? 1} × ${line.price.nickname ?? line.price.id}`,
        discountable: true,
        discounts: [],
        invoice: id,
        livemode: false,
        metadata: {},
        period: { end: line.current_period_end, start: line.current_period_start },
        quantity: line.quantity ?? 1,
        subscription: subscription.id,
        subtotal: (line.price.unit_amount ?? 0) * (line.quantity ?? 1),
      })),
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
    },
  });
  engine.emit('invoice.created', invoice);
  engine.emit('invoice.finalized', invoice);
  if (total === 0) {
    markInvoicePaid(engine, invoice);
    return invoice;
  }
  const pi = createPaymentIntent(engine, {
    amount: String(total),
    currency: subscription.currency,
    customer: customer.id,
    description: reason === 'subscription_create' ? 'Subscription creation' : 'Subscription update',
    setup_future_usage: 'off_session',
  });
  engine.secret<InvoiceSecrets>(id).paymentIntent = pi.id;
  engine.secret<{ invoice?: string }>(pi.id).invoice = id;
  invoice.confirmation_secret = { client_secret: pi.client_secret!, type: 'payment_intent' };
  if (pm) {
    invoice.attempted = true;
    invoice.attempt_count = 1;
    try {
      attemptPayment(engine, pi, pm, { offSession: options.offSession });
    } catch (error) {
      engine.emit('invoice.payment_failed', invoice);
      if (options.rethrowDecline || !(error instanceof SimulatorError)) throw error;
    }
  }
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
  invoice.status_transitions = { ...invoice.status_transitions, paid_at: engine.now() };
  engine.emit('invoice.paid', invoice);
  engine.emit('invoice.payment_succeeded', invoice);
}

/** Invoice payments, the way Stripe's `payments` list presents them. */
function paymentsOf(engine: Engine, invoice: SimInvoice) {
  const piId = invoicePaymentIntent(engine, invoice.id);
  const pi = piId ? engine.find('payment_intent', piId) : undefined;
  const data = pi
    ? [
        {
          id: `inpay_${pi.id.slice(3)}`,
          object: 'invoice_payment',
          amount_paid: pi.status === 'succeeded' ? pi.amount : null,
          amount_requested: pi.amount,
          created: pi.created,
          currency: pi.currency,
          invoice: invoice.id,
          is_default: true,
          livemode: false,
          payment: { type: 'payment_intent', payment_intent: pi.id },
          status: pi.status === 'succeeded' ? 'paid' : 'open',
          status_transitions: { canceled_at: null, paid_at: invoice.status_transitions.paid_at },
        },
      ]
    : [];
  return {
    object: 'list' as const,
    data,
    has_more: false,
    url: `/v1/invoice_payments?invoice=${invoice.id}`,
  };
}

/** Serialises an invoice with `expand[]`, including the `payments` list that is only returned when expanded. */
export function renderInvoice(engine: Engine, invoice: SimInvoice, expand: readonly string[]): unknown {
  const out = expandObject(
    engine,
    invoice,
    expand.filter((path) => !path.startsWith('payments')),
  ) as Record<string, unknown>;
  if (expand.some((path) => path.startsWith('payments'))) {
    const payments = paymentsOf(engine, invoice);
    const nested = expand
      .filter((p) => p.startsWith('payments.data.'))
      .map((p) => p.slice('payments.data.'.length));
    out.payments = { ...payments, data: payments.data.map((entry) => expandObject(engine, entry, nested)) };
  }
  return out;
}

export const invoiceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/invoices/:id',
    implements: [],
    handler: ({ engine, params, path }) =>
      renderInvoice(engine, engine.get('invoice', path.id), expandList(params)),
  },
  {
    method: 'GET',
    path: '/v1/invoices',
    implements: ['customer', 'subscription', 'status', ...PAGE_PARAMS],
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer');
      const subscription = str(params, 'subscription');
      const status = str(params, 'status');
      const items = engine.all(
        'invoice',
        (inv) =>
          (!customer || inv.customer === customer) &&
          (!subscription || inv.parent?.subscription_details?.subscription === subscription) &&
          (!status || inv.status === status),
      );
      return paginate(engine, items, params, '/v1/invoices');
    },
  },
  {
    method: 'GET',
    path: '/v1/invoice_payments',
    implements: ['invoice', ...PAGE_PARAMS],
    handler: ({ engine, params }) => {
      const invoice = engine.get('invoice', str(params, 'invoice', true), 'invoice');
      return paginate(engine, paymentsOf(engine, invoice).data, params, '/v1/invoice_payments');
    },
  },
];
