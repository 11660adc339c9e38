import { CustomerPortalButton, InvoiceList, PaymentMethodManager, SubscriptionList } from '@tollbooth/react';
import type { Metadata } from 'next';
import { OrderHistory } from '@/components/order-history';
import { PlanLine } from '@/components/plan-line';
import { currentUser } from '@/server/current-user';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const user = await currentUser();
  if (!user) {
    return (
      <>
        <section className="hero">
          <h1>Your account</h1>
          <p>Saved cards, subscriptions and invoices, once you are signed in.</p>
        </section>
        <div className="card empty-state">
          <h2>You are browsing as a guest</h2>
          <p>
            Sign in as Alice or Bob with the switcher at the top of the page to see saved cards, subscriptions
            and invoices.
          </p>
        </div>
      </>
    );
  }
  return (
    <>
      <section className="hero">
        <h1>Hello, {user.name.split(' ')[0]}</h1>
        <PlanLine userId={user.id} />
        <p>Your orders, your coffee club, saved cards and receipts, in one place.</p>
      </section>
      <div className="account">
        <div className="account__main">
          <section className="card">
            <OrderHistory userId={user.id} />
          </section>
          <section className="card">
            <SubscriptionList />
          </section>
          <section className="card">
            <InvoiceList />
          </section>
        </div>
        <div className="account__side">
          <section className="card">
            <PaymentMethodManager />
          </section>
          <section className="card" aria-labelledby="portal-title">
            <h2 id="portal-title" className="tb-heading">
              Billing portal
            </h2>
            <p className="muted">
              Update billing details and download receipts on Stripe&apos;s customer portal.
            </p>
            <CustomerPortalButton returnPath="/account" />
          </section>
        </div>
      </div>
    </>
  );
}
