import type { Metadata } from 'next';
import { StaffRefund } from '@/components/staff-refund';
import { recentAudit } from '@/server/audit';
import { currentUser, isStaff } from '@/server/current-user';
import { listOrders } from '@/server/orders';
import { SUPPORT_REFUND_LIMIT } from '@/server/refund-policy';
import { tollbooth } from '@/server/tollbooth';

export const metadata: Metadata = { title: 'Staff' };

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount / 100);
}

export default async function StaffPage() {
  const user = await currentUser();
  // The page hides the data; the refund route enforces the rule on its own (rbac in server/tollbooth.ts).
  if (!isStaff(user)) {
    return (
      <>
        <section className="hero">
          <h1>Staff only</h1>
          <p>Orders and refunds, for the shop&apos;s support team.</p>
        </section>
        <div className="notice notice--error" role="alert" data-testid="staff-refused">
          <strong>{user ? 'No access.' : 'Please sign in.'}</strong>{' '}
          {user
            ? 'Your account has no access to the staff area.'
            : 'Sign in as Sam (support) or Ada (admin) with the switcher at the top of the page.'}
        </div>
      </>
    );
  }
  const orders = listOrders();
  // Each buyer's plan, re-read from Stripe per customer (`tollbooth.sync`): staff see the truth, not a cache.
  const plans = new Map<string, string>();
  for (const order of orders) {
    if (!order.customer || plans.has(order.customer)) continue;
    const state = await tollbooth.sync(order.customer).catch(() => null);
    plans.set(order.customer, state ? `${state.plan ?? 'none'} (${state.status})` : 'unknown');
  }
  const audit = recentAudit().slice(0, 15);
  const isAdmin = user?.roles.some((r) => r === 'admin');
  return (
    <>
      <section className="hero">
        <h1>Payments</h1>
        <p>
          Orders appear here when Stripe&apos;s webhook confirms a payment.{' '}
          {isAdmin
            ? 'As an admin you may refund any amount.'
            : `As support you may refund up to ${money(SUPPORT_REFUND_LIMIT, 'usd')} at a time.`}
        </p>
      </section>
      {orders.length === 0 ? (
        <div className="card empty-state">
          <h2>No paid orders yet</h2>
          <p>Buy something in another window: the order shows up here once Stripe confirms the payment.</p>
        </div>
      ) : (
        <ul className="orders" aria-label="Paid orders">
          {orders.map((order) => (
            <li key={order.id} className="card order" data-testid="order-row" data-order={order.id}>
              <div className="order__info">
                <p className="order__head">
                  <span className="pill">{order.source === 'checkout' ? 'Checkout' : 'Payment form'}</span>
                  {order.amountRefunded > 0 ? (
                    <span className="pill pill--warn">
                      {order.amountRefunded >= order.amount ? 'Refunded' : 'Partly refunded'}
                    </span>
                  ) : null}
                </p>
                <p className="mono order__id">{order.id}</p>
                <dl className="facts">
                  <div>
                    <dt>Paid</dt>
                    <dd>{money(order.amount, order.currency)}</dd>
                  </div>
                  {/* "Refunds", not "Refunded": the form's own "Refunded $20.00" message must stay unique. */}
                  <div>
                    <dt>Refunds</dt>
                    <dd>{money(order.amountRefunded, order.currency)}</dd>
                  </div>
                  <div>
                    <dt>Buyer</dt>
                    <dd>{order.email ?? order.userId ?? 'Guest'}</dd>
                  </div>
                  <div>
                    <dt>Plan</dt>
                    <dd data-testid="order-plan">
                      {(order.customer && plans.get(order.customer)) ?? 'none'}
                    </dd>
                  </div>
                </dl>
              </div>
              <div className="order__refund">
                {order.paymentIntent && order.amountRefunded >= order.amount ? (
                  <p className="muted">Fully refunded.</p>
                ) : order.paymentIntent ? (
                  <StaffRefund paymentIntent={order.paymentIntent} />
                ) : (
                  <p className="muted">Refunds here are for one-time payments.</p>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <section className="section" aria-labelledby="audit-title">
        <h2 id="audit-title">Recent decisions</h2>
        <p>Every Tollbooth action is authorized and audited; these are the latest.</p>
        <div className="card table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">User</th>
                <th scope="col">Action</th>
                <th scope="col">Decision</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {audit.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    No decisions yet.
                  </td>
                </tr>
              ) : null}
              {audit.map((entry) => (
                <tr key={entry.requestId}>
                  <td>{entry.at.slice(11, 19)}</td>
                  <td>{entry.userId ?? 'guest'}</td>
                  <td className="mono">{entry.action}</td>
                  <td>
                    <span className={entry.decision === 'allow' ? 'pill' : 'pill pill--deny'}>
                      {entry.decision}
                    </span>
                  </td>
                  <td>{entry.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
