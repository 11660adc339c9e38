import { CheckoutStatus } from '@tollbooth/react';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { currentUser } from '@/server/current-user';

export const metadata: Metadata = { title: 'Your order' };

export default async function ReturnPage({
  searchParams,
}: {
  searchParams: Promise<{ session_id?: string }>;
}) {
  const [{ session_id: sessionId }, user] = await Promise.all([searchParams, currentUser()]);
  let body: ReactNode;
  if (!sessionId) {
    body = <p>No checkout to show: this page opens when Stripe Checkout sends you back to the shop.</p>;
  } else if (!user) {
    // `checkout.read` is owner-only, and a guest owns nothing the server can check: no status to show.
    body = (
      <p>Thank you! If the payment went through, Stripe confirms it to us and your receipt is on its way.</p>
    );
  } else {
    body = <CheckoutStatus sessionId={sessionId} />;
  }
  return (
    <>
      <section className="hero">
        <h1>Your order</h1>
        <p>Back from Checkout. The order is fulfilled when Stripe&apos;s webhook confirms the payment.</p>
      </section>
      <div className="card receipt">{body}</div>
      <p className="actions">
        <Link className="button" href="/">
          Continue shopping
        </Link>
        {user ? (
          <Link className="button button--ghost" href="/account">
            Your account
          </Link>
        ) : null}
      </p>
    </>
  );
}
