import { ACCEPTS } from '../accepted-params';
import { BILLING_ACCEPTS } from '../billing-params';
import type { Engine } from '../engine';
import { expandObject, paginate } from '../list';
import { expandList, str } from '../params';
import type { Route } from '../route';
import type { SimInvoice, SimPaymentIntent } from '../types';
import { invoicePaymentIntent } from './invoices';

/** Invoice payments, the way Stripe's `payments` list presents them. */
function paymentsOf(engine: Engine, invoice: SimInvoice) {
  const piId = invoicePaymentIntent(engine, invoice.id);
  const pi = piId ? engine.find<SimPaymentIntent>('payment_intent', piId) : undefined;
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
    accepts: ACCEPTS.invoiceRetrieve,
    handler: ({ engine, params, path }) =>
      renderInvoice(engine, engine.get<SimInvoice>('invoice', path.id, 'invoice'), expandList(params)),
  },
  {
    method: 'GET',
    path: '/v1/invoices',
    accepts: ACCEPTS.invoiceList,
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer');
      const subscription = str(params, 'subscription');
      const status = str(params, 'status');
      const items = engine.all<SimInvoice>(
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
    path: '/v1/invoices/:id/lines',
    accepts: BILLING_ACCEPTS.invoiceListLineItems,
    handler: ({ engine, params, path }) => {
      const invoice = engine.get<SimInvoice>('invoice', path.id, 'invoice');
      return paginate(engine, invoice.lines.data, params, invoice.lines.url);
    },
  },
  {
    method: 'GET',
    path: '/v1/invoice_payments',
    accepts: ACCEPTS.invoicePaymentList,
    handler: ({ engine, params }) => {
      const invoice = engine.get<SimInvoice>('invoice', str(params, 'invoice', true), 'invoice', 'invoice');
      return paginate(engine, paymentsOf(engine, invoice).data, params, '/v1/invoice_payments');
    },
  },
];
