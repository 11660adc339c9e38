import { stateError } from '../errors';
import { expandList } from '../params';
import type { Route } from '../route';
import { renderInvoice } from './invoice-routes';
import { invoicePaymentIntent } from './invoices';

/**
 * `POST /v1/invoices/:id/void`, as Stripe documents it: only an open invoice can be voided; its PaymentIntent is
 * canceled so nothing collects it later, and `invoice.voided` is sent. (Added for plan changes: a declined
 * upgrade voids the invoice of the change that did not happen.)
 */
export const invoiceVoidRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/invoices/:id/void',
    implements: [],
    handler: ({ engine, params, path }) => {
      const invoice = engine.get('invoice', path.id);
      if (invoice.status !== 'open') {
        throw stateError(
          `You can only void an open invoice; this one is ${invoice.status}.`,
          'invoice_not_editable',
        );
      }
      const piId = invoicePaymentIntent(engine, invoice.id);
      const pi = piId ? engine.find('payment_intent', piId) : undefined;
      if (pi && pi.status !== 'succeeded' && pi.status !== 'canceled') {
        pi.status = 'canceled';
        pi.canceled_at = engine.now();
        pi.cancellation_reason = 'void_invoice';
        engine.emit('payment_intent.canceled', pi);
      }
      invoice.status = 'void';
      invoice.amount_remaining = 0;
      invoice.status_transitions = { ...invoice.status_transitions, voided_at: engine.now() };
      engine.emit('invoice.voided', invoice);
      return renderInvoice(engine, invoice, expandList(params));
    },
  },
];
