import type { StripeEmbeddedCheckout, StripeEmbeddedCheckoutOptions } from '@stripe/stripe-js';
import { formatAmount } from '../money';
import { toCardData } from './card';
import { type CardFields, createCardFields } from './card-fields';
import { IntegrationError } from './confirm';
import { intentIdFromSecret, type SimulatorHttp } from './http';
import { ensureStyles } from './styles';
import { showChallenge } from './three-d-secure';

/** The session summary served by `GET /_simulator/checkout/:id/session`; read leniently. */
interface SessionSummary {
  status?: string;
  mode?: string;
  currency?: string;
  amount_total?: number;
  line_items?: LineItem[] | { data?: LineItem[] };
}

interface LineItem {
  description?: string;
  quantity?: number;
  amount_total?: number;
  price?: { unit_amount?: number; nickname?: string; product?: string | { name?: string } };
}

/** In the page's language, with the currency's own decimals (¥1,500, not ¥15.00). */
export const formatMoney = (amount: number, currency: string) =>
  formatAmount(amount, currency, typeof document === 'undefined' ? undefined : document.documentElement.lang);

function itemName(item: LineItem): string {
  const product = item.price?.product;
  return (
    item.description ??
    (typeof product === 'object' ? product.name : undefined) ??
    item.price?.nickname ??
    'Item'
  );
}

function payLabel(session: SessionSummary): string {
  if (session.mode === 'setup') return 'Save card';
  if (session.mode === 'subscription') return 'Subscribe';
  return session.amount_total !== undefined && session.currency
    ? `Pay ${formatMoney(session.amount_total, session.currency)}`
    : 'Pay';
}

/**
 * Embedded Checkout in the page (not an iframe): the session's line items, a card form and a pay
 * button, talking to the simulator's checkout endpoints. On success it calls `onComplete`, or, when
 * there is none, follows the session's return URL as Stripe does.
 */
export async function createEmbeddedCheckout(
  http: SimulatorHttp,
  options: StripeEmbeddedCheckoutOptions,
  hooks: { navigate(url: string): void; onDestroy(): void },
): Promise<StripeEmbeddedCheckout> {
  const clientSecret = options.clientSecret ?? (await options.fetchClientSecret?.());
  const sessionId = clientSecret ? intentIdFromSecret(clientSecret) : null;
  if (!clientSecret || !sessionId) {
    throw new IntegrationError(
      'createEmbeddedCheckoutPage: pass a Checkout Session `clientSecret` or `fetchClientSecret`.',
    );
  }
  const path = `/_simulator/checkout/${sessionId}`;
  const loading = http.json('GET', `${path}/session?client_secret=${encodeURIComponent(clientSecret)}`);
  let root: HTMLElement | null = null;
  let cardFields: CardFields | null = null;
  let destroyed = false;
  let completed = false;

  async function render(container: HTMLElement): Promise<void> {
    const doc = container.ownerDocument;
    const status = doc.createElement('p');
    status.setAttribute('role', 'status');
    status.textContent = 'Loading checkout…';
    container.replaceChildren(status);
    const loaded = await loading;
    if (root !== container) return;
    if (!loaded.ok) {
      status.textContent = loaded.error.message ?? 'This checkout session could not be loaded.';
      return;
    }
    const session = loaded.body as SessionSummary;
    if (completed || session.status === 'complete') {
      status.textContent = session.mode === 'setup' ? 'Your card was saved.' : 'Payment complete. Thank you!';
      return;
    }
    const items = Array.isArray(session.line_items) ? session.line_items : (session.line_items?.data ?? []);
    const summary = doc.createElement('ul');
    summary.className = 'tb-stripe-summary';
    summary.setAttribute('aria-label', 'Order summary');
    for (const item of items) {
      const li = doc.createElement('li');
      const amount = item.amount_total ?? (item.price?.unit_amount ?? 0) * (item.quantity ?? 1);
      li.append(
        Object.assign(doc.createElement('span'), {
          textContent: `${itemName(item)} × ${item.quantity ?? 1}`,
        }),
        Object.assign(doc.createElement('span'), {
          textContent: formatMoney(amount, session.currency ?? 'usd'),
        }),
      );
      summary.appendChild(li);
    }
    if (session.amount_total !== undefined && session.mode !== 'setup') {
      const total = doc.createElement('li');
      total.append(
        Object.assign(doc.createElement('strong'), { textContent: 'Total' }),
        Object.assign(doc.createElement('strong'), {
          textContent: formatMoney(session.amount_total, session.currency ?? 'usd'),
        }),
      );
      summary.appendChild(total);
    }
    const form = doc.createElement('form');
    form.className = 'tb-stripe';
    form.setAttribute('aria-label', 'Checkout');
    form.noValidate = true;
    const fields = createCardFields(doc, { postalCode: true, onInput: () => {} });
    cardFields = fields;
    const alert = doc.createElement('p');
    alert.className = 'tb-stripe-error';
    alert.setAttribute('role', 'alert');
    const button = Object.assign(doc.createElement('button'), {
      type: 'submit',
      className: 'tb-stripe-button',
      textContent: payLabel(session),
    });
    form.append(summary, fields.root, alert, button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void pay(fields, button, alert, status, container);
    });
    container.replaceChildren(form);
  }

  async function pay(
    fields: CardFields,
    button: HTMLButtonElement,
    alert: HTMLElement,
    status: HTMLElement,
    container: HTMLElement,
  ) {
    alert.textContent = '';
    if (fields.validate(true).length > 0) return;
    const input = fields.read();
    button.disabled = true;
    fields.setDisabled(true);
    const body = {
      client_secret: clientSecret,
      card: { ...toCardData(input), postal_code: input.postalCode.trim() || undefined },
    };
    let paid = await http.json('POST', `${path}/pay`, body);
    // A 3-D Secure card: the bank's challenge first, then the payment with its answer (a failed challenge
    // comes back as the payment's error, as Stripe's embedded page shows it).
    if (paid.ok && (paid.body as { next_action?: string }).next_action === 'three_d_secure') {
      const loaded = await loading;
      const session = (loaded.ok ? loaded.body : {}) as SessionSummary;
      const outcome = await showChallenge(container.ownerDocument, {
        amount: session.amount_total,
        currency: session.currency,
      });
      if (destroyed) return;
      paid = await http.json('POST', `${path}/pay`, { ...body, three_d_secure: outcome });
    }
    if (destroyed) return;
    button.disabled = false;
    fields.setDisabled(false);
    if (!paid.ok) {
      alert.textContent = paid.error.message ?? 'Your payment could not be completed.';
      return;
    }
    const result = paid.body as { status?: string; redirect_url?: string };
    if (result.status !== 'complete') {
      alert.textContent = 'Your payment could not be completed.';
      return;
    }
    completed = true;
    if (options.onComplete) {
      status.textContent = 'Payment complete. Thank you!';
      container.replaceChildren(status);
      options.onComplete();
    } else if (result.redirect_url) {
      hooks.navigate(result.redirect_url);
    }
  }

  const checkout: StripeEmbeddedCheckout = {
    mount(target) {
      if (destroyed) throw new IntegrationError('This Embedded Checkout instance has been destroyed.');
      if (root) throw new IntegrationError('Embedded Checkout is already mounted.');
      const node = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
      if (!node)
        throw new IntegrationError(
          `The selector you specified (${String(target)}) applies to no DOM elements.`,
        );
      ensureStyles(node.ownerDocument);
      root = node;
      node.dataset.stripeStandIn = 'embedded-checkout';
      void render(node);
    },
    unmount() {
      cardFields?.dispose();
      cardFields = null;
      root?.replaceChildren();
      root = null;
    },
    destroy() {
      if (destroyed) return;
      checkout.unmount();
      destroyed = true;
      hooks.onDestroy();
    },
  };
  return checkout;
}
