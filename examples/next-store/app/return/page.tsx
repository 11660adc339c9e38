import { CheckoutStatus } from '@tollbooth/react';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { currentUser } from '@/server/current-user';
import { describeItems, listOrdersOf } from '@/server/orders';

export const metadata: Metadata = { title: 'Your order' };

/**
 * Where Checkout sends the shopper back. `<CheckoutStatus>` says how the payment ended (paid, processing, not
 * finished) with its amount, or that there is no such order: the route answers only for the shopper's own
 * session (a guest's through the session cookie set when they started checkout), so a made-up or someone
 * else's id reads as not found. A signed-in shopper also sees what they bought, once the webhook recorded it.
 */
export default async function ReturnPage({
  searchParams,
}: {
  searchParams: Promise<{ session_id?: string }>;
}) {
  const [{ session_id: sessionId }, user] = await Promise.all([searchParams, currentUser()]);
  const order =
    sessionId && user ? (await listOrdersOf(user.id)).find((o) => o.checkoutSession === sessionId) : null;
  let body: ReactNode;
  if (!sessionId) {
    body = <p>There is no order to show here. Your orders are on your account page.</p>;
  } else {
    body = (
      <>
        <CheckoutStatus
          sessionId={sessionId}
          messages={{
            paid: 'Thank you! We received your payment of {amount}.',
            unpaid: 'Your payment is processing. We will email you as soon as your bank confirms it.',
            open: 'Your payment was not completed, and you have not been charged.',
            // A guest in another browser (no checkout cookie) asks for a session it cannot show.
            unauthenticated:
              'We could not find this order in this browser. Sign in, or see the receipt we emailed you.',
          }}
        />
        {order ? <p data-testid="order-items">You bought {describeItems(order.items)}.</p> : null}
      </>
    );
  }
  return (
    <>
      <section className="hero">
        <h1>Your order</h1>
        <p>A receipt is on its way to your email.</p>
      </section>
      <div className="card receipt">{body}</div>
      <p className="actions">
        <Link className="button" href="/">
          Continue shopping
        </Link>
        {user ? (
          <Link className="button button--ghost" href="/account">
            Your orders
          </Link>
        ) : null}
      </p>
    </>
  );
}
