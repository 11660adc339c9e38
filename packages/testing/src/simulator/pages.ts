import type { SimCheckoutSession, SimInvoice, SimLineItem, SimPortalSession, SimSubscription } from './types';

const escapeHtml = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const formatMoney = (amount: number | null | undefined, currency: string | null | undefined) =>
  `${((amount ?? 0) / 100).toFixed(2)} ${(currency ?? '').toUpperCase()}`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1f36}
label{display:block;margin:.75rem 0 .25rem}input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box}
button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem}table{width:100%;border-collapse:collapse}
td,th{text-align:left;padding:.3rem 0}[role=alert]{color:#b00020;margin-top:1rem}.row{display:flex;gap:1rem}</style>
</head><body><p><small>Stripe simulator (test mode)</small></p>${body}</body></html>`;
}

function lines(items: SimLineItem[]): string {
  const rows = items
    .map(
      (item) =>
        `<tr><td>${escapeHtml(item.description)} × ${escapeHtml(item.quantity)}</td><td>${escapeHtml(formatMoney(item.amount_total, item.currency))}${item.price?.recurring ? ` / ${escapeHtml(item.price.recurring.interval)}` : ''}</td></tr>`,
    )
    .join('');
  return `<table aria-label="Order summary"><tbody>${rows}</tbody></table>`;
}

/** The hosted Checkout page: a card form that POSTs to `/_simulator/checkout/:id/pay`. */
export function checkoutPage(session: SimCheckoutSession, items: SimLineItem[], error?: string): string {
  if (session.status !== 'open') {
    return layout(
      'Checkout',
      `<h1>Checkout</h1><p>This checkout session is ${escapeHtml(session.status)}.</p>`,
    );
  }
  const action =
    session.mode === 'setup' ? 'Save card' : session.mode === 'subscription' ? 'Subscribe' : 'Pay';
  const total =
    session.mode === 'setup'
      ? ''
      : `<p>Total: <strong>${escapeHtml(formatMoney(session.amount_total, session.currency))}</strong></p>`;
  const cancel = session.cancel_url
    ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p>`
    : '';
  return layout(
    'Checkout',
    `<h1>Checkout</h1>${lines(items)}${total}
<form method="post" action="/_simulator/checkout/${escapeHtml(session.id)}/pay">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" value="${escapeHtml(session.customer_email ?? '')}">
<label for="number">Card number</label><input id="number" name="number" inputmode="numeric" autocomplete="cc-number" required value="4242 4242 4242 4242">
<div class="row"><div><label for="exp">Expiry (MM/YY)</label><input id="exp" name="exp" autocomplete="cc-exp" required value="12/34"></div>
<div><label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required value="123"></div></div>
<label for="postal_code">ZIP</label><input id="postal_code" name="postal_code" autocomplete="postal-code" value="12345">
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<button type="submit">${action}</button></form>${cancel}`,
  );
}

/** A small billing portal: the customer's subscriptions and invoices, and a link back. */
export function portalPage(
  session: SimPortalSession,
  subscriptions: SimSubscription[],
  invoices: SimInvoice[],
): string {
  const subs = subscriptions
    .map(
      (sub) =>
        `<li>${escapeHtml(sub.items.data[0]?.price.nickname ?? sub.items.data[0]?.price.id)}: ${escapeHtml(sub.status)}${sub.cancel_at_period_end ? ' (cancels at period end)' : ''}</li>`,
    )
    .join('');
  const invs = invoices
    .map(
      (inv) =>
        `<li>${escapeHtml(inv.number)}: ${escapeHtml(formatMoney(inv.total, inv.currency))}, ${escapeHtml(inv.status)}</li>`,
    )
    .join('');
  const back = session.return_url
    ? `<p><a href="${escapeHtml(session.return_url)}">Return to the store</a></p>`
    : '';
  return layout(
    'Billing portal',
    `<h1>Billing portal</h1><h2>Subscriptions</h2><ul>${subs || '<li>None</li>'}</ul><h2>Invoices</h2><ul>${invs || '<li>None</li>'}</ul>${back}`,
  );
}

export function invoicePage(invoice: SimInvoice): string {
  return layout(
    `Invoice ${invoice.number ?? ''}`,
    `<h1>Invoice ${escapeHtml(invoice.number)}</h1><p>Status: ${escapeHtml(invoice.status)}</p><p>Total: ${escapeHtml(formatMoney(invoice.total, invoice.currency))}</p>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

/** The 3-D Secure challenge of the hosted page: the card fields ride along hidden, the button picks the outcome. */
export function challengePage(session: SimCheckoutSession, form: URLSearchParams): string {
  const hidden = [...form.entries()]
    .filter(([key]) => key !== 'three_d_secure')
    .map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}">`)
    .join('');
  return layout(
    '3-D Secure',
    `<h1>Authenticate your payment</h1><p>Your bank asks you to confirm this ${session.mode === 'setup' ? 'card' : 'payment'} (test mode).</p>
<form method="post" action="/_simulator/checkout/${escapeHtml(session.id)}/pay">${hidden}
<button type="submit" name="three_d_secure" value="succeed">Complete authentication</button>
<button type="submit" name="three_d_secure" value="fail">Fail authentication</button></form>`,
  );
}
