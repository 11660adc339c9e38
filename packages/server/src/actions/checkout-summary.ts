import type { CheckoutSessionItem, CheckoutSessionSummary, PostalAddress } from '@tollbooth/core';
import type Stripe from 'stripe';
import type { ActionContext } from '../_internal/runtime';

/** Stripe's most lines on one session is the kit's item cap; past the expanded first page, the rest are read. */
const MAX_LINES = 100;

/** The session with the first page of its line items (an includable field: only there when expanded). */
export const retrieveWithItems = (ctx: ActionContext, id: string) =>
  ctx.rt.stripe.checkout.sessions.retrieve(id, { expand: ['line_items'] });

/** All the session's lines: the expanded page, and the rest read only for a session the caller owns. */
export async function linesOf(ctx: ActionContext, session: Stripe.Checkout.Session) {
  const first = session.line_items;
  if (first?.has_more !== true) return first?.data ?? [];
  return ctx.rt.stripe.checkout.sessions
    .listLineItems(session.id, { limit: 100 })
    .autoPagingToArray({ limit: MAX_LINES });
}

type Interval = NonNullable<CheckoutSessionItem['recurring']>['interval'];

const priceIdOf = (price: Stripe.Price | null | undefined) => price?.id ?? '';

function item(ctx: ActionContext, line: Stripe.LineItem): CheckoutSessionItem {
  const priceId = priceIdOf(line.price);
  const interval = line.price?.recurring?.interval as Interval | undefined;
  return {
    // Like the catalog, the browser names prices by key and never sees a Stripe price id of the catalog.
    price: ctx.rt.keysByPrice.get(priceId) ?? priceId,
    description: line.description ?? '',
    quantity: line.quantity ?? 1,
    amountTotal: line.amount_total,
    currency: line.currency,
    recurring: interval ? { interval } : null,
  };
}

const address = (a: Stripe.Address): PostalAddress => ({
  line1: a.line1,
  line2: a.line2,
  city: a.city,
  state: a.state,
  postalCode: a.postal_code,
  country: a.country,
});

/** Only what the buyer sees on Stripe's own receipt: items, totals, their email and where it ships. */
export function summarise(
  ctx: ActionContext,
  session: Stripe.Checkout.Session,
  lines: readonly Stripe.LineItem[],
): CheckoutSessionSummary {
  const shipping = session.collected_information?.shipping_details ?? null;
  return {
    id: session.id,
    status: session.status as CheckoutSessionSummary['status'],
    paymentStatus: session.payment_status as CheckoutSessionSummary['paymentStatus'],
    amountTotal: session.amount_total,
    currency: session.currency,
    items: lines.map((line) => item(ctx, line)),
    customerEmail: session.customer_details?.email ?? session.customer_email ?? null,
    shipping: shipping ? { name: shipping.name || null, address: address(shipping.address) } : null,
  };
}
