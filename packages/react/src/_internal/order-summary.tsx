import type { CheckoutSessionSummary } from '@tollbooth/core';
import type { ReactNode } from 'react';
import type { checkoutStatusMessages } from '../messages';
import { format } from './errors';
import { formatMoney } from './money';

type Messages = typeof checkoutStatusMessages;

/** The address on one line, in the order a label reads: street, city, postal code, country. */
const oneLine = (a: NonNullable<CheckoutSessionSummary['shipping']>['address']) =>
  [a.line1, a.line2, a.city, a.state, a.postalCode, a.country].filter(Boolean).join(', ');

/** What a completed Checkout sold, line by line with the total, and where the receipt and parcel go. */
export function OrderSummary(props: {
  session: CheckoutSessionSummary;
  m: Messages;
  locale?: string;
}): ReactNode {
  const { session: s, m, locale } = props;
  if (s.items.length === 0) return null;
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  return (
    <>
      <ul className="tb-list tb-order" aria-label={m.orderHeading}>
        {s.items.map((item, i) => (
          // Two lines may share a price (a one-time fee beside the plan): the position tells them apart.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders.
          <li key={i} className="tb-item">
            <span className="tb-item-label">
              {format(m.orderItem, { quantity: String(item.quantity), name: item.description })}
            </span>
            <span className="tb-order-amount">
              {item.recurring
                ? format(m.perInterval, {
                    amount: money(item.amountTotal, item.currency),
                    interval: m[item.recurring.interval],
                  })
                : money(item.amountTotal, item.currency)}
            </span>
          </li>
        ))}
        {s.amountTotal !== null && s.currency ? (
          <li className="tb-item tb-order-total">
            <span className="tb-item-label">{m.total}</span>
            <span className="tb-order-amount">{money(s.amountTotal, s.currency)}</span>
          </li>
        ) : null}
      </ul>
      {s.customerEmail ? (
        <p className="tb-item-detail">{format(m.receiptTo, { email: s.customerEmail })}</p>
      ) : null}
      {s.shipping ? (
        <p className="tb-item-detail">
          {format(m.shipsTo, { name: s.shipping.name ?? '', address: oneLine(s.shipping.address) })}
        </p>
      ) : null}
    </>
  );
}
