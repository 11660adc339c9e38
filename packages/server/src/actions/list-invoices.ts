import type { InvoiceListResponse } from '@tollbooth/core';
import type { ActionContext } from '../_internal/runtime';
import { requireUser } from '../_internal/validate';

/** `GET /invoices`: the caller's invoices, newest first as Stripe lists them. */
export async function listInvoicesAction(ctx: ActionContext): Promise<InvoiceListResponse> {
  const user = requireUser(ctx);
  const customer = await ctx.rt.customers.find(user);

  await ctx.authorize(undefined, { customer }, customer);

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
}
