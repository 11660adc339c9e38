import { defineAction } from '../_internal/action';
import { loadOwnCustomer } from './own-customer';

/** `GET /invoices`: the caller's invoices, newest first as Stripe lists them. */
export const listInvoices = defineAction('invoices.list', {
  load: loadOwnCustomer,
  auditId: ({ customer }) => customer,
  async run(ctx, _input, { customer }) {
    if (customer === null) return { data: [] };
    const list = await ctx.rt.stripe.invoices.list({ customer, limit: 100 });
    return {
      data: list.data.map((inv) => ({
        id: inv.id ?? '',
        number: inv.number,
        status: inv.status,
        amountPaid: inv.amount_paid,
        currency: inv.currency,
        created: inv.created,
        hostedInvoiceUrl: inv.hosted_invoice_url ?? null,
      })),
    };
  },
});
