import type { ReactNode } from 'react';
import { describeItems, listOrdersOf, orderState } from '@/server/orders';

const money = (amount: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount / 100);
const date = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(iso));

/** The signed-in shopper's orders, from the shop's own order book (filled by Stripe's webhooks). */
export async function OrderHistory({ userId }: { userId: string }): Promise<ReactNode> {
  const orders = await listOrdersOf(userId);
  return (
    <>
      <h2 className="tb-heading" id="orders-title">
        Your orders
      </h2>
      {orders.length === 0 ? (
        <p className="muted">No orders yet. What you buy shows here once the payment is confirmed.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (axe).
        <section className="table-wrap" aria-labelledby="orders-title" tabIndex={0}>
          <table className="table" aria-labelledby="orders-title">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Items</th>
                <th scope="col">Total</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id} data-testid="my-order">
                  <td>{date(order.fulfilledAt)}</td>
                  <td>{describeItems(order.items)}</td>
                  <td>{money(order.amount, order.currency)}</td>
                  <td>{orderState(order)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
