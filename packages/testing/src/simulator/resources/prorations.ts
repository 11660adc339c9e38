import type { Engine } from '../engine';
import type { SimSubscriptionItem } from '../types';
import { type DraftLine, priceLabel } from './invoices';

/** `amount` for the part of `period` after `from`, to the second, rounded to the nearest unit like Stripe. */
export function prorate(amount: number, period: { start: number; end: number }, from: number): number {
  const length = period.end - period.start;
  if (length <= 0) return 0;
  return Math.round((amount * (period.end - from)) / length);
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** Stripe's date in proration descriptions: `02 Dec 2026`. */
function day(time: number): string {
  const date = new Date(time * 1000);
  return `${String(date.getUTCDate()).padStart(2, '0')} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

const amountOf = (item: SimSubscriptionItem) => (item.price.unit_amount ?? 0) * (item.quantity ?? 1);

/**
 * The proration lines of an item change at `from`: a credit for the unused time of every item that changed or
 * went, and a charge for the remaining time of every item that changed or came. When the billing cycle restarts
 * (`resetsCycle`), the new items are billed for a full new period instead, so only the credits are returned.
 */
export function prorationLines(
  engine: Engine,
  before: readonly SimSubscriptionItem[],
  after: readonly SimSubscriptionItem[],
  from: number,
  resetsCycle: boolean,
): DraftLine[] {
  const lines: DraftLine[] = [];
  const same = (a: SimSubscriptionItem, b: SimSubscriptionItem) =>
    a.price.id === b.price.id && (a.quantity ?? 1) === (b.quantity ?? 1);
  for (const old of before) {
    const now = after.find((item) => item.id === old.id);
    if (now && same(old, now) && !resetsCycle) continue;
    const period = { start: old.current_period_start, end: old.current_period_end };
    lines.push({
      amount: -prorate(amountOf(old), period, from),
      description: `Unused time on ${old.quantity ?? 1} × ${priceLabel(engine, old.price)} after ${day(from)}`,
      period: { start: from, end: period.end },
      quantity: old.quantity ?? 1,
      price: old.price,
      subscriptionItem: old.id,
      proration: true,
    });
  }
  if (resetsCycle) return lines.filter((line) => line.amount !== 0);
  for (const item of after) {
    const was = before.find((old) => old.id === item.id);
    if (was && same(was, item)) continue;
    const period = { start: item.current_period_start, end: item.current_period_end };
    lines.push({
      amount: prorate(amountOf(item), period, from),
      description: `Remaining time on ${item.quantity ?? 1} × ${priceLabel(engine, item.price)} after ${day(from)}`,
      period: { start: from, end: period.end },
      quantity: item.quantity ?? 1,
      price: item.price,
      subscriptionItem: item.id,
      proration: true,
    });
  }
  // A change exactly at the period's end has nothing left to prorate.
  return lines.filter((line) => line.amount !== 0);
}
