import type { BillingState } from '@tollbooth/core';
import { PRODUCTS } from './catalog';

const day = (seconds: number) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(seconds * 1000));

/**
 * "Coffee club — monthly, renews on Jan 2, 2027": where the state stands, in the shop's words. The product
 * name and interval come from the catalog (the state names a catalog key); a state without a live
 * subscription says so instead of naming the default plan's key.
 */
export function describePlan(state: BillingState): string {
  const sub = state.subscription;
  if (!sub || state.status === 'none' || state.status === 'canceled') return 'No membership';
  const product = PRODUCTS.find((p) => p.key === sub.price);
  const name = product?.name ?? state.plan ?? sub.price;
  const every = product?.recurring ? `${product.recurring.interval}ly` : null;
  const when =
    state.status === 'trialing' && sub.trialEnd
      ? `trial ends on ${day(sub.trialEnd)}`
      : state.status === 'past_due' || state.status === 'unpaid'
        ? 'payment overdue'
        : sub.cancelAtPeriodEnd
          ? `ends on ${day(sub.currentPeriodEnd)}`
          : `renews on ${day(sub.currentPeriodEnd)}`;
  return `${name} — ${[every, when].filter(Boolean).join(', ')}`;
}
