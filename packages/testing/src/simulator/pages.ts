import { formatAmount } from '../money';
import { addressQuestions, escapeHtml, savedCardChoice } from './page-fields';
import type {
  SimCheckoutSession,
  SimInvoice,
  SimLineItem,
  SimPaymentMethod,
  SimPortalSession,
  SimSubscription,
} from './types';

/** The account's branding on its hosted pages, as Stripe's Dashboard settings give them. */
export interface PageBranding {
  /** The business name shown at the top of Checkout and the portal. @default 'Test business' */
  name?: string;
  /** The brand colour of buttons and links (`#rrggbb`). @default Stripe's blurple, '#635bff' */
  primaryColor?: string;
}

/** As Stripe's pages show an amount: `$120.00`, `¥1,500`, in the session's locale (else US English). */
export const formatMoney = (
  amount: number | null | undefined,
  currency: string | null | undefined,
  locale?: string | null,
) => formatAmount(amount ?? 0, currency ?? 'usd', locale && locale !== 'auto' ? locale : 'en-US');

const colourOf = (branding: PageBranding) =>
  /^#[0-9a-f]{6}$/i.test(branding.primaryColor ?? '') ? branding.primaryColor : '#635bff';

function layout(title: string, body: string, branding: PageBranding = {}, lang = 'en'): string {
  const name = branding.name ?? 'Test business';
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(`${title} · ${name}`)}</title>
<style>:root{--brand:${colourOf(branding)}}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:30rem;margin:0 auto;padding:1.5rem 1rem 3rem;color:#1a1f36;background:#fff}
header{display:flex;align-items:center;gap:.6rem;margin-bottom:1.5rem}header .mark{width:1.75rem;height:1.75rem;border-radius:6px;background:var(--brand)}
header strong{font-size:1.05rem}.test{margin-left:auto;font-size:.75rem;font-weight:600;color:#9a3c00;background:#fff1e0;border-radius:4px;padding:.1rem .45rem}
h1{font-size:1.35rem;margin:.25rem 0 1rem}label{display:block;margin:.85rem 0 .3rem;font-size:.9rem;color:#30313d;font-weight:500}
input{font:inherit;padding:.65rem .75rem;width:100%;box-sizing:border-box;border:1px solid #8a8f9c;border-radius:6px}
input:focus,button:focus-visible,a:focus-visible{outline:2px solid var(--brand);outline-offset:2px}
button{font:inherit;font-weight:600;width:100%;margin-top:1.25rem;padding:.75rem 1.2rem;border:0;border-radius:6px;background:var(--brand);color:#fff;cursor:pointer}
button[value=fail]{background:#fff;color:#30313d;border:1px solid #8a8f9c}
a{color:var(--brand)}table{width:100%;border-collapse:collapse;margin-bottom:.5rem}
td,th{text-align:left;padding:.45rem 0;border-bottom:1px solid #ebeef1}td:last-child{text-align:right}
.total{display:flex;justify-content:space-between;font-weight:600;margin:.5rem 0 1rem}
[role=alert]{color:#b3261e;background:#fdecea;border-radius:6px;padding:.6rem .75rem;margin-top:1rem}
.row{display:flex;gap:1rem}.row>div{flex:1}ul{padding-left:1.1rem}
fieldset{border:0;padding:0;margin:1rem 0 0}legend{font-weight:600;padding:0}select{font:inherit;padding:.6rem;width:100%;border:1px solid #8a8f9c;border-radius:6px}
label.choice{display:flex;gap:.5rem;align-items:center;font-weight:400}label.choice input{width:auto}</style>
</head><body><header><span class="mark" aria-hidden="true"></span><strong>${escapeHtml(name)}</strong><span class="test">Test mode</span></header>${body}</body></html>`;
}

function lines(items: SimLineItem[], locale?: string | null): string {
  const rows = items
    .map(
      (item) =>
        `<tr><td>${escapeHtml(item.description)} × ${escapeHtml(item.quantity)}</td><td>${escapeHtml(formatMoney(item.amount_total, item.currency, locale))}${item.price?.recurring ? ` / ${escapeHtml(item.price.recurring.interval)}` : ''}</td></tr>`,
    )
    .join('');
  return `<table aria-label="Order summary"><tbody>${rows}</tbody></table>`;
}

/**
 * The hosted Checkout page: a card form that POSTs to `/_simulator/checkout/:id/pay`. After a decline the page
 * comes back with what the buyer typed (`form`), as Stripe's keeps it, and the error. A returning customer picks
 * one of their saved cards (`savedCards`) or a new one; the addresses the session asks for come after the email.
 */
export function checkoutPage(
  session: SimCheckoutSession,
  items: SimLineItem[],
  branding: PageBranding = {},
  error?: string,
  form?: URLSearchParams,
  savedCards: readonly SimPaymentMethod[] = [],
): string {
  const lang = session.locale && session.locale !== 'auto' ? session.locale : 'en';
  if (session.status !== 'open') {
    return layout(
      'Checkout',
      `<h1>${session.status === 'complete' ? 'This order is already paid' : 'This checkout has expired'}</h1>`,
      branding,
      lang,
    );
  }
  const action =
    session.mode === 'setup' ? 'Save card' : session.mode === 'subscription' ? 'Subscribe' : 'Pay';
  const total =
    session.mode === 'setup'
      ? ''
      : `<p class="total"><span>Total</span><span>${escapeHtml(formatMoney(session.amount_total, session.currency, session.locale))}</span></p>`;
  const cancel = session.cancel_url
    ? `<p><a href="${escapeHtml(session.cancel_url)}">← Back to ${escapeHtml(branding.name ?? 'the store')}</a></p>`
    : '';
  // Test-mode defaults (a card that succeeds), or what the buyer typed before an error.
  const value = (name: string, fallback: string) => escapeHtml(form ? (form.get(name) ?? '') : fallback);
  // With saved cards on offer, the new card's fields are needed only when the buyer picks "a new card".
  const needed = savedCards.length ? '' : ' required';
  // Checkout always asks a buyer it does not know for the email the receipt goes to.
  const emailNeeded = session.customer || session.customer_email ? '' : ' required';
  return layout(
    'Checkout',
    `${cancel}<h1>${session.mode === 'setup' ? 'Save a card' : 'Pay'} ${escapeHtml(branding.name ?? '')}</h1>${lines(items, session.locale)}${total}
<form method="post" action="/_simulator/checkout/${escapeHtml(session.id)}/pay">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email"${emailNeeded} value="${value('email', session.customer_email ?? '')}">
${addressQuestions(session, value)}${savedCardChoice(savedCards, form)}
<label for="number">Card number</label><input id="number" name="number" inputmode="numeric" autocomplete="cc-number"${needed} value="${value('number', '4242 4242 4242 4242')}">
<div class="row"><div><label for="exp">Expiry (MM/YY)</label><input id="exp" name="exp" autocomplete="cc-exp"${needed} value="${value('exp', '12/34')}"></div>
<div><label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc"${needed} value="${value('cvc', '123')}"></div></div>
<label for="postal_code">ZIP</label><input id="postal_code" name="postal_code" autocomplete="postal-code" value="${value('postal_code', '12345')}">
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<button type="submit">${action}</button></form>`,
    branding,
    lang,
  );
}

/** A small billing portal: the customer's subscriptions and invoices, and a link back. */
export function portalPage(
  session: SimPortalSession,
  subscriptions: SimSubscription[],
  invoices: SimInvoice[],
  branding: PageBranding = {},
  productName: (productId: string) => string | undefined = () => undefined,
): string {
  const subs = subscriptions
    .map((sub) => {
      const price = sub.items.data[0]?.price;
      const product = typeof price?.product === 'string' ? price.product : price?.product?.id;
      const name = (product && productName(product)) ?? price?.nickname ?? price?.id;
      const cost =
        price?.unit_amount != null
          ? ` · ${formatMoney(price.unit_amount, price.currency)}${price.recurring ? ` / ${price.recurring.interval}` : ''}`
          : '';
      const state = sub.cancel_at_period_end
        ? 'cancels at the end of the period'
        : sub.status.replace(/_/g, ' ');
      return `<li><strong>${escapeHtml(name)}</strong>${escapeHtml(cost)} — ${escapeHtml(state)}</li>`;
    })
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
    branding,
  );
}

export function invoicePage(invoice: SimInvoice, branding: PageBranding = {}): string {
  return layout(
    `Invoice ${invoice.number ?? ''}`,
    `<h1>Invoice ${escapeHtml(invoice.number)}</h1><p>Status: ${escapeHtml(invoice.status)}</p><p>Total: ${escapeHtml(formatMoney(invoice.total, invoice.currency))}</p>`,
    branding,
  );
}

export function messagePage(title: string, message: string, branding: PageBranding = {}): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`, branding);
}

/** The 3-D Secure challenge of the hosted page: the card fields ride along hidden, the button picks the outcome. */
export function challengePage(
  session: SimCheckoutSession,
  form: URLSearchParams,
  branding: PageBranding = {},
): string {
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
    branding,
  );
}
