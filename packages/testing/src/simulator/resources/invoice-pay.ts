import { BILLING_ACCEPTS } from '../billing-params';
import { stateError } from '../errors';
import { withExpand } from '../list';
import { bool, str } from '../params';
import type { Route } from '../route';
import type { SimInvoice, SimSubscription } from '../types';
import { atCustomerTime } from './clock-time';
import { finalizeInvoice, payInvoice } from './invoices';
import { resolvePaymentMethod } from './payment-methods';
import { paymentMethodFor, settleInvoice } from './subscriptions';

/**
 * `POST /v1/invoices/:id/pay`: finalises a draft, then charges `payment_method` or the subscription's (or
 * customer's) default, off-session unless `off_session: false`. A decline is Stripe's 402 and leaves the retry
 * schedule as it was; `paid_out_of_band: true` marks it paid without a charge.
 */
export const invoicePayRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/invoices/:id/pay',
    accepts: BILLING_ACCEPTS.invoicePay,
    handler: ({ engine, params, path }) => {
      const invoice = engine.get<SimInvoice>('invoice', path.id, 'invoice');
      if (invoice.status === 'paid') throw stateError('Invoice is already paid.', 'invoice_already_paid');
      if (invoice.status !== 'draft' && invoice.status !== 'open') {
        throw stateError(`You cannot pay an invoice that is ${invoice.status}.`, 'invoice_not_editable');
      }
      return atCustomerTime(engine, invoice.customer, () => {
        if (invoice.status === 'draft') finalizeInvoice(engine, invoice);
        if (invoice.status === 'paid') return withExpand(engine, invoice, params);
        if (bool(params, 'paid_out_of_band')) {
          settleInvoice(engine, invoice);
          return withExpand(engine, invoice, params);
        }
        const subscription = engine.find<SimSubscription>(
          'subscription',
          invoice.parent?.subscription_details?.subscription,
        );
        const pmId = str(params, 'payment_method');
        const pm = pmId
          ? resolvePaymentMethod(engine, pmId, 'payment_method')
          : subscription
            ? paymentMethodFor(engine, subscription)
            : null;
        if (!pm) {
          throw stateError(
            'This invoice cannot be paid: the customer has no default payment method. Pass payment_method.',
            'invoice_no_payment_method_types',
          );
        }
        const scheduled = invoice.next_payment_attempt;
        payInvoice(engine, invoice, pm, {
          offSession: bool(params, 'off_session') ?? true,
          rethrowDecline: true,
          retryAt: () => scheduled,
        });
        return withExpand(engine, invoice, params);
      });
    },
  },
];
