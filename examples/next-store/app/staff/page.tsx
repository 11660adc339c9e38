import type { Metadata } from 'next';
import { StaffRefund } from '@/components/staff-refund';
import { recentAudit } from '@/server/audit';
import { currentUser, isStaff } from '@/server/current-user';
import { listOrders } from '@/server/orders';
import { SUPPORT_REFUND_LIMIT } from '@/server/refund-policy';

export const metadata: Metadata = { title: 'Staff' };

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount / 100);
}

export default async function StaffPage() {
  const user = await currentUser();
  // The page hides the data; the refund route enforces the rule on its own (rbac in server/tollbooth.ts).
  if (!isStaff(user)) {
    return (
      <section className="hero">
        <h1>Staff only</h1>
        <div className="notice notice--error" role="alert" data-testid="staff-refused">
          {user
            ? 'Your account has no access to the staff area.'
            : 'Sign in as Sam (support) or Ada (admin).'}
        </div>
      </section>
    );
  }
  const orders = listOrders();
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
        <p className="card">No paid orders yet. Buy something in another window.</p>
      ) : (
        <table className="table card" aria-label="Paid orders">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Paid</th>
              <th scope="col">Refunded</th>
              <th scope="col">Buyer</th>
              <th scope="col">Refund</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id} data-testid="order-row" data-order={order.id}>
                <td>
                  <div className="mono">{order.id}</div>
                  <span className="pill">{order.source === 'checkout' ? 'Checkout' : 'Payment form'}</span>
                </td>
                <td>{money(order.amount, order.currency)}</td>
                <td>{money(order.amountRefunded, order.currency)}</td>
                <td>{order.email ?? order.userId ?? 'Guest'}</td>
                <td>{order.paymentIntent ? <StaffRefund paymentIntent={order.paymentIntent} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="section" aria-labelledby="audit-title">
        <h2 id="audit-title">Recent decisions</h2>
        <p>Every Tollbooth action is authorized and audited; these are the latest.</p>
        <table className="table card">
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
            {audit.map((entry) => (
              <tr key={entry.requestId}>
                <td>{entry.at.slice(11, 19)}</td>
                <td>{entry.userId ?? 'guest'}</td>
                <td className="mono">{entry.action}</td>
                <td>{entry.decision}</td>
                <td>{entry.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
