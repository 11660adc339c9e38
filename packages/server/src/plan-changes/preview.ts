import type { SubscriptionChangePreview } from '@tollbooth/core';
import type Stripe from 'stripe';
import { customerIdOf } from '../_internal/customers';
import type { Runtime } from '../_internal/runtime';
import { previewDate } from './clock';
import type { PlanChange } from './target';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The discount and tax of an invoice, as the preview shows them. */
function extras(rt: Runtime, invoice: Stripe.Invoice) {
  return {
    discount: sum((invoice.total_discount_amounts ?? []).map((d) => d.amount)),
    tax: rt.checkout.automaticTax ? sum((invoice.total_taxes ?? []).map((t) => t.amount)) : null,
  };
}

/** When an invoice is charged: its first line's period start (the renewal date), else its creation. */
const dateOf = (invoice: Stripe.Invoice) => invoice.lines.data[0]?.period.start ?? invoice.created;

/** The items param that replaces the plan item with the target. */
export const targetItems = (change: PlanChange) => [
  { id: change.item.id, price: change.target.priceId, quantity: change.target.quantity },
];

/**
 * The next regular invoice after the change: the subscription on the target from its next renewal. For an undo
 * the schedule is previewed as released (the current phase only), so the pending downgrade is left out.
 */
function nextInvoice(rt: Runtime, change: PlanChange, base: Stripe.InvoiceCreatePreviewParams) {
  if (change.kind === 'undo' || change.kind === 'unchanged') {
    const current = change.schedule?.current_phase;
    if (!change.schedule || !current) return rt.stripe.invoices.createPreview(base);
    return rt.stripe.invoices.createPreview({
      ...base,
      schedule_details: {
        end_behavior: 'release',
        phases: [
          {
            items: [{ price: change.item.price.id, quantity: change.item.quantity ?? 1 }],
            start_date: current.start_date,
            end_date: current.end_date,
          },
        ],
      },
    });
  }
  return rt.stripe.invoices.createPreview({
    ...base,
    subscription_details: { items: targetItems(change), proration_behavior: 'none' },
  });
}

/**
 * `subscriptions.previewChange`: Stripe's invoice preview of the change. An upgrade is previewed with the
 * proration date the change will then use, so it charges exactly `amountDue`; a downgrade charges nothing now.
 */
export async function previewChange(rt: Runtime, change: PlanChange): Promise<SubscriptionChangePreview> {
  const sub = change.subscription;
  const base: Stripe.InvoiceCreatePreviewParams = {
    customer: customerIdOf(sub.customer) ?? undefined,
    subscription: sub.id,
    ...(rt.checkout.automaticTax ? { automatic_tax: { enabled: true } } : {}),
  };
  const next = await nextInvoice(rt, change, base);
  const later = { amount: next.amount_due, date: dateOf(next) };
  if (change.kind !== 'upgrade') {
    return {
      effective: change.kind === 'downgrade' ? 'period_end' : 'now',
      amountDue: 0,
      credit: 0,
      currency: sub.currency,
      ...extras(rt, next),
      nextInvoice: later,
    };
  }
  const now = await rt.stripe.invoices.createPreview({
    ...base,
    subscription_details: {
      items: targetItems(change),
      proration_behavior: 'always_invoice',
      proration_date: await previewDate(rt, change),
    },
  });
  return {
    effective: 'now',
    amountDue: now.amount_due,
    credit: -sum(now.lines.data.map((line) => line.amount).filter((amount) => amount < 0)),
    currency: now.currency,
    ...extras(rt, now),
    nextInvoice: later,
  };
}
