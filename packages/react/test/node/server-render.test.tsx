import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  CheckoutButton,
  CheckoutStatus,
  CustomerPortalButton,
  EmbeddedCheckout,
  InvoiceList,
  PaymentForm,
  PaymentMethodManager,
  PricingTable,
  RefundForm,
  SubscriptionList,
  TollboothProvider,
  useCatalog,
  usePaymentMethods,
  useSubscriptions,
  useTollbooth,
} from '../../src/index';

// Any request made while rendering on the server is a bug: this fetch fails the test if it is called.
const calls: string[] = [];
const fetchSpy = (async (input: RequestInfo | URL) => {
  calls.push(String(input));
  throw new Error('no fetch during server render');
}) as typeof fetch;

function Probe({ hook }: { hook: () => unknown }) {
  hook();
  return null;
}

function render(node: ReactNode, provider: { publishableKey?: string } = {}) {
  calls.length = 0;
  const html = renderToString(
    <TollboothProvider fetch={fetchSpy} {...provider}>
      {node}
    </TollboothProvider>,
  );
  expect(calls).toEqual([]);
  return html;
}

describe('server rendering (no window, no requests)', () => {
  it('runs without a DOM', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('<CheckoutButton> renders an idle button with its label, disabled until hydrated', () => {
    const html = render(<CheckoutButton price="basic" className="mine" />);
    expect(html).toContain('data-state="idle"');
    expect(html).toContain('class="tb tb-checkout-button mine"');
    expect(html).toMatch(/<button type="button" class="tb-button"[^>]*>Buy now<\/button>/);
    // A click before React has hydrated would be lost: the server's button cannot be pressed yet.
    expect(html).toMatch(/<button type="button" class="tb-button" disabled=""/);
  });

  it('<CheckoutButton> takes children and per-component messages', () => {
    expect(
      render(<CheckoutButton items={[{ price: 'pro', quantity: 2 }]}>Get Pro</CheckoutButton>),
    ).toContain('Get Pro');
    expect(render(<CheckoutButton price="basic" messages={{ label: 'Acheter' }} />)).toContain('Acheter');
  });

  it('provider messages apply to every component, per section', () => {
    const html = renderToString(
      <TollboothProvider fetch={fetchSpy} messages={{ checkoutButton: { label: 'Kaufen' } }}>
        <CheckoutButton price="basic" />
      </TollboothProvider>,
    );
    expect(html).toContain('Kaufen');
  });

  it.each([
    ['<PaymentForm>', <PaymentForm key="pf" items={[{ price: 'basic', quantity: 1 }]} />, 'tb-payment-form'],
    [
      '<EmbeddedCheckout>',
      <EmbeddedCheckout key="ec" items={[{ price: 'basic', quantity: 1 }]} />,
      'tb-embedded-checkout',
    ],
    ['<PaymentMethodManager>', <PaymentMethodManager key="pm" />, 'tb-payment-methods'],
    ['<PricingTable>', <PricingTable key="pt" />, 'tb-pricing-table'],
    ['<SubscriptionList>', <SubscriptionList key="sl" />, 'tb-subscriptions'],
    ['<InvoiceList>', <InvoiceList key="il" />, 'tb-invoices'],
    ['<CheckoutStatus>', <CheckoutStatus key="cs" sessionId="cs_test_1" />, 'tb-checkout-status'],
  ])('%s renders its loading state with a polite status region', (_name, node, cls) => {
    const html = render(node, { publishableKey: 'pk_test_x' });
    expect(html).toContain(`class="tb ${cls}"`);
    expect(html).toContain('data-state="loading"');
    expect(html).toContain('aria-busy="true"');
    expect(html).toMatch(/role="status" aria-live="polite">Loading…<\/p>/);
    // Stripe's iframes and our lazy chunks only appear in the browser.
    expect(html).not.toContain('<iframe');
  });

  it('<CustomerPortalButton> renders an idle button', () => {
    const html = render(<CustomerPortalButton className="x" />);
    expect(html).toContain('data-state="idle"');
    expect(html).toContain('Manage billing');
  });

  it('<RefundForm> renders labelled fields and a submit button', () => {
    const html = render(<RefundForm paymentIntent="pi_123" currency="jpy" />);
    expect(html).toContain('data-state="idle"');
    expect(html).toContain('Refund payment pi_123');
    expect(html).toMatch(/<label class="tb-field" for="([^"]+)-amount">Amount to refund \(JPY\)/);
    expect(html).toMatch(/<select id="[^"]+-reason"/);
    expect(html).toMatch(/<button type="submit"[^>]*>Refund<\/button>/);
  });

  it('<RefundForm label> and aria-label tell several forms apart', () => {
    const html = render(
      <>
        <RefundForm paymentIntent="pi_1" label="Refund order #1" />
        <RefundForm paymentIntent="pi_2" aria-label="Refund order #2" />
      </>,
    );
    expect(html).toMatch(
      /<form [^>]*aria-labelledby="([^"]+)-h"[^>]*>\s*<h2 class="tb-heading" id="\1-h">Refund order #1</,
    );
    expect(html).toMatch(/<form [^>]*aria-label="Refund order #2"/);
    expect(html).not.toMatch(/<form [^>]*aria-label="Refund order #2"[^>]*aria-labelledby/);
  });

  it.each([
    ['useTollbooth', useTollbooth],
    ['useCatalog', useCatalog],
    ['usePaymentMethods', usePaymentMethods],
    ['useSubscriptions', useSubscriptions],
  ])('%s() outside the provider says how to fix it', (name, hook) => {
    expect(() => renderToString(<Probe hook={hook} />)).toThrow(
      `wrap the part of your app that calls ${name}() in <TollboothProvider>`,
    );
  });

  it('a component outside the provider names itself', () => {
    expect(() => renderToString(<CheckoutButton price="basic" />)).toThrow(
      'wrap the part of your app that calls <CheckoutButton> in <TollboothProvider>',
    );
  });

  it('an invalid `stripe` prop is reported when Stripe.js is first needed, not at render', () => {
    expect(() =>
      renderToString(
        <TollboothProvider stripe={{} as never}>
          <CheckoutButton price="basic" />
        </TollboothProvider>,
      ),
    ).not.toThrow();
  });
});
