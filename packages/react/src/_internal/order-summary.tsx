import type { CheckoutSessionSummary } from '@tollbooth/core';
import type { ReactNode } from 'react';
import type { checkoutStatusMessages } from '../messages';
import { format } from './errors';
import { formatMoney } from './money';

/** One line of the order: what, and what it cost. Lines never reorder, so their position is their key. */
const row = (key: number, label: string, amount: string, className = 'tb-item') => (
  <li key={key} className={className}>
    <span className="tb-item-label">{label}</span>
    <span>{amount}</span>
  </li>
);

/** What a completed Checkout sold, line by line with the total, and where the receipt and parcel go. */
export function OrderSummary(props: {
  session: CheckoutSessionSummary;
  m: typeof checkoutStatusMessages;
  locale?: string;
}): ReactNode {
  const { session: s, m, locale } = props;
  if (!s.items.length) return null;
  const ship = s.shipping;
  const a = ship?.address;
  return (
    <>
      <ul className="tb-list tb-order" aria-label={m.orderHeading}>
        {s.items.map((item, i) => {
          const amount = formatMoney(item.amountTotal, item.currency, locale);
          return row(
            i,
            format(m.orderItem, { quantity: item.quantity, name: item.description }),
            item.recurring ? format(m.perInterval, { amount, interval: item.recurring.interval }) : amount,
          );
        })}
        {s.amountTotal !== null && s.currency
          ? row(-1, m.total, formatMoney(s.amountTotal, s.currency, locale), 'tb-item tb-order-total')
          : null}
      </ul>
      {s.customerEmail ? (
        <p className="tb-item-detail">{format(m.receiptTo, { email: s.customerEmail })}</p>
      ) : null}
      {ship && a ? (
        <p className="tb-item-detail">
          {format(m.shipsTo, {
            name: ship.name ?? '',
            // The address on one line, as a label reads: street, city, postal code, country.
            address: [a.line1, a.line2, a.city, a.state, a.postalCode, a.country].filter(Boolean).join(', '),
          })}
        </p>
      ) : null}
    </>
  );
}
