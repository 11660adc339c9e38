import { CustomerPortalButton, InvoiceList, PaymentMethodManager, SubscriptionList } from '@tollbooth/react';
import type { Metadata } from 'next';
import { currentUser } from '@/server/current-user';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const user = await currentUser();
  if (!user) {
    return (
      <section className="hero">
        <h1>Your account</h1>
        <p>Sign in as Alice or Bob (top right) to see saved cards, subscriptions and invoices.</p>
      </section>
    );
  }
  return (
    <>
      <section className="hero">
        <h1>Hello, {user.name.split(' ')[0]}</h1>
        <p>
          Everything here is loaded through the Tollbooth route, which only ever answers with your own Stripe
          customer&apos;s data.
        </p>
      </section>
      <div className="grid">
        <section className="card">
          <PaymentMethodManager />
        </section>
        <section className="card">
          <SubscriptionList />
        </section>
        <section className="card">
          <InvoiceList />
        </section>
        <section className="card" aria-labelledby="portal-title">
          <h2 id="portal-title">Billing portal</h2>
          <p>Update billing details and download receipts on Stripe&apos;s customer portal.</p>
          <CustomerPortalButton returnPath="/account" />
        </section>
      </div>
    </>
  );
}
