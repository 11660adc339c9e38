import type { Metadata } from 'next';
import { PlanLine } from '@/components/plan-line';
import { StaffRefund } from '@/components/staff-refund';
import { recentAudit } from '@/server/audit';
import { currentUser, isStaff } from '@/server/current-user';
import { describeItems, listOrders, orderState } from '@/server/orders';
import { SUPPORT_REFUND_LIMIT } from '@/server/refund-policy';
import { DEMO_USERS } from '@/server/session';

export const metadata: Metadata = { title: 'Staff' };

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount / 100);
}

/** The shop's own record of who a signed-in buyer is, when Stripe has no receipt email. */
const emailOf = (userId: string | null) =>
  Object.values(DEMO_USERS).find((u) => u.id === userId)?.email ?? userId;

const when = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
    new Date(iso),
  );

export default async function StaffPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; status?: string }>;
}) {
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
  const { q = '', status = 'all' } = await searchParams;
  const query = q.trim().toLowerCase();
  const orders = (await listOrders()).filter(
    (order) =>
      (status === 'all' || orderState(order).toLowerCase().replace(' ', '-') === status) &&
      (!query ||
        [order.id, order.email, order.userId, describeItems(order.items)].some((field) =>
          field?.toLowerCase().includes(query),
        )),
  );
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
            : `As support you may refund up to ${money(SUPPORT_REFUND_LIMIT, 'usd')} of a payment in total.`}
        </p>
      </section>
      {/* A plain GET form: filtering works before (and without) JavaScript, and the URL can be shared. */}
      <search className="card" aria-label="Filter orders">
        <form className="filters" method="get">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={q} placeholder="Email, item or order id" />
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={status}>
            <option value="all">All</option>
            <option value="paid">Paid</option>
            <option value="partly-refunded">Partly refunded</option>
            <option value="refunded">Refunded</option>
          </select>
          <button type="submit" className="button">
            Filter
          </button>
        </form>
      </search>
      {orders.length === 0 ? (
        <div className="card empty-state">
          <h2>{q || status !== 'all' ? 'No orders match' : 'No paid orders yet'}</h2>
          <p>
            {q || status !== 'all'
              ? 'Try another search, or show all orders.'
              : 'Orders show up here once Stripe confirms the payment.'}
          </p>
        </div>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (axe).
        <section className="card table-wrap" aria-label="Paid orders" tabIndex={0}>
          <table className="table orders-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Items</th>
                <th scope="col">Customer</th>
                <th scope="col">Paid</th>
                <th scope="col">Refunds</th>
                <th scope="col">Status</th>
                <th scope="col">Refund</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id} data-testid="order-row" data-order={order.id}>
                  <td>
                    {when(order.fulfilledAt)}
                    <div className="mono muted small">…{order.id.slice(-8)}</div>
                  </td>
                  <td>
                    {describeItems(order.items)}
                    <div className="muted small">
                      {order.source === 'checkout' ? 'Checkout' : 'Card on site'}
                    </div>
                  </td>
                  <td>
                    {order.email ?? emailOf(order.userId) ?? 'Guest'}
                    <PlanLine userId={order.userId} />
                  </td>
                  <td>{money(order.amount, order.currency)}</td>
                  {/* "Refunds", not "Refunded": the form's own "Refunded $20.00" message must stay unique. */}
                  <td>{money(order.amountRefunded, order.currency)}</td>
                  <td>
                    <span className={order.amountRefunded > 0 ? 'pill pill--warn' : 'pill'}>
                      {orderState(order)}
                    </span>
                  </td>
                  <td className="order__refund">
                    {order.paymentIntent && order.amountRefunded >= order.amount ? (
                      <span className="muted">Fully refunded</span>
                    ) : order.paymentIntent ? (
                      <details>
                        <summary>Refund…</summary>
                        <StaffRefund
                          paymentIntent={order.paymentIntent}
                          refundable={order.amount - order.amountRefunded}
                          limit={isAdmin ? undefined : SUPPORT_REFUND_LIMIT}
                        />
                      </details>
                    ) : (
                      <span className="muted">Subscription</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
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
