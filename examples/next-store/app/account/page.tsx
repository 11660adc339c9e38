import {
  CustomerPortalButton,
  InvoiceList,
  PaymentMethodManager,
  PlanSwitcher,
  SubscriptionList,
} from '@tollbooth/react';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { DemoClock } from '@/components/demo-clock';
import { OrderHistory } from '@/components/order-history';
import { PlanLine } from '@/components/plan-line';
import { currentUser } from '@/server/current-user';
import { loadForPage } from '@/server/load';
import { DEMO_TEAMS, ownerOf } from '@/server/teams';

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
  // Paying as a team: everything below acts on the team's customer (the routes resolve the same owner).
  const owner = ownerOf(user);
  const team = owner && user.team ? DEMO_TEAMS[user.team].name : null;
  const manages = owner === null || owner.role === 'billing_admin';
  // What a member sees when the server refuses a change: who may make it, not just "no permission".
  const refused = team ? { forbidden: `Only ${team}' billing admins can change or cancel its plan.` } : {};
  // Loaded through the same routes the browser would call: the first HTML already lists them.
  const from = await headers();
  const [subscriptions, invoices, catalog] = await Promise.all([
    loadForPage('subscriptions.list', from),
    manages ? loadForPage('invoices.list', from) : undefined,
    loadForPage('catalog.read', from),
  ]);
  return (
    <>
      <section className="hero">
        <h1>Hello, {user.name.split(' ')[0]}</h1>
        <PlanLine userId={user.id} owner={owner} />
        {team ? (
          <p data-testid="paying-as">
            Paying as <strong>{team}</strong> ({manages ? 'billing admin' : 'member'}): the club, cards and
            receipts below are the team&apos;s.
          </p>
        ) : (
          <p>Your orders, your coffee club, saved cards and receipts, in one place.</p>
        )}
      </section>
      {manages ? null : (
        <p className="card" role="note">
          You can see {team}&apos;s plan, but only its billing admins can change the plan, cancel it or manage
          its cards and receipts.
        </p>
      )}
      <div className="account">
        <div className="account__main">
          <section className="card">
            <OrderHistory userId={user.id} />
          </section>
          <section className="card">
            <SubscriptionList initialData={subscriptions} initialCatalog={catalog} messages={refused} />
          </section>
          <section className="card">
            {/* The club's two tiers: an upgrade is charged now (the preview says how much), a downgrade waits
                for the period end and can be undone until then. */}
            <PlanSwitcher
              prices={['club', 'clubPlus']}
              messages={{ heading: 'Coffee club tier', ...refused }}
            />
          </section>
          {manages ? (
            <section className="card">
              <InvoiceList initialData={invoices} />
            </section>
          ) : null}
          {manages ? <DemoClock /> : null}
        </div>
        {manages ? (
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
        ) : null}
      </div>
    </>
  );
}
