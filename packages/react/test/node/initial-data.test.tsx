import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type {
  CatalogKey,
  CatalogResponse,
  InvoiceListResponse,
  SubscriptionListResponse,
} from '../../src/index';
import { InvoiceList, PricingTable, SubscriptionList } from '../../src/index';
import { renderOnServer } from './render';

// Server data in, rows out: the first HTML holds them, and rendering asks the server for nothing.
const render = (node: ReactNode) => renderOnServer(node, { locale: 'en-US' });

const CATALOG: CatalogResponse<CatalogKey> = {
  prices: [
    {
      id: 'basic',
      product: { name: 'Enamel mug', description: 'Holds 350 ml' },
      unitAmount: 1800,
      currency: 'usd',
      recurring: null,
    },
    {
      id: 'pro',
      product: { name: 'Coffee club', description: null },
      unitAmount: 2400,
      currency: 'usd',
      recurring: { interval: 'month' },
    },
  ],
};
const SUBSCRIPTIONS: SubscriptionListResponse<CatalogKey> = {
  data: [
    {
      id: 'sub_1Q2w3E',
      status: 'active',
      price: 'pro',
      currentPeriodEnd: Date.UTC(2027, 0, 15) / 1000,
      cancelAtPeriodEnd: false,
      trialEnd: null,
      quantity: 1,
      scheduledChange: null,
    },
  ],
};
const INVOICES: InvoiceListResponse = {
  data: [
    {
      id: 'in_1Q2w3E',
      number: 'TB-0001',
      status: 'paid',
      amountPaid: 2400,
      currency: 'usd',
      created: Date.UTC(2026, 11, 15) / 1000,
      hostedInvoiceUrl: 'https://invoice.stripe.com/i/acct_1/test_1',
    },
  ],
};

/** The server's HTML shows content, not the loading state. */
function expectLoaded(html: string): void {
  expect(html).toContain('data-state="idle"');
  expect(html).toContain('aria-busy="false"');
  expect(html).not.toContain('Loading…');
}

describe('initialData: rows in the server-rendered HTML, no request', () => {
  it('<PricingTable initialData> renders a card per price with its amount and buy button', () => {
    const html = render(<PricingTable initialData={CATALOG} markCurrent={false} />);
    expectLoaded(html);
    expect(html).toMatch(/<li class="tb-plan" data-price="basic"[^>]*>.*Enamel mug.*Holds 350 ml.*\$18\.00/);
    expect(html).toMatch(/data-price="pro" data-recurring="month".*Coffee club.*\$24\.00 \/ month/);
    expect(html).toMatch(/<button[^>]*>Subscribe<span class="tb-visually-hidden"> <!-- -->Coffee club/);
  });

  it('<PricingTable prices> picks and orders from the server data', () => {
    const html = render(<PricingTable initialData={CATALOG} prices={['pro']} markCurrent={false} />);
    expect(html).toContain('data-price="pro"');
    expect(html).not.toContain('data-price="basic"');
  });

  it('<SubscriptionList initialData> renders the subscription row with its status, date and cancel button', () => {
    const html = render(<SubscriptionList initialData={SUBSCRIPTIONS} />);
    expectLoaded(html);
    expect(html).toMatch(/<li class="tb-item" data-status="active">/);
    expect(html).toContain('Active');
    expect(html).toContain('Next charge on Jan 15, 2027');
    expect(html).toMatch(/<button[^>]*aria-label="Cancel subscription to pro"/);
  });

  it('<SubscriptionList initialCatalog> names the plan and its price in the first HTML too', () => {
    const html = render(<SubscriptionList initialData={SUBSCRIPTIONS} initialCatalog={CATALOG} />);
    expect(html).toContain('<span class="tb-item-label">Coffee club</span>');
    expect(html).toContain('$24.00 / month · Next charge on Jan 15, 2027');
    expect(html).toMatch(/<button[^>]*aria-label="Cancel subscription to Coffee club"/);
  });

  it('<InvoiceList initialData> renders the invoice row: number, link, date, amount, status', () => {
    const html = render(<InvoiceList initialData={INVOICES} />);
    expectLoaded(html);
    expect(html).toMatch(/<tr data-status="paid"><th scope="row">TB-0001/);
    expect(html).toContain('href="https://invoice.stripe.com/i/acct_1/test_1"');
    expect(html).toContain('<td>Dec 15, 2026</td>');
    expect(html).toContain('$24.00');
    expect(html).toContain('Paid');
  });

  it('empty server data renders the empty message, not the loading state', () => {
    expect(render(<InvoiceList initialData={{ data: [] }} />)).toContain('You have no invoices.');
    expect(render(<SubscriptionList initialData={{ data: [] }} />)).toContain('You have no subscriptions.');
    expect(render(<PricingTable initialData={{ prices: [] }} />)).toContain(
      'No plans are available right now.',
    );
  });

  it('one list seeded does not fill another: a component without initialData still renders loading', () => {
    const html = render(
      <>
        <InvoiceList initialData={INVOICES} />
        <SubscriptionList />
      </>,
    );
    expect(html).toContain('TB-0001');
    expect(html).toMatch(/class="tb tb-subscriptions" data-state="loading"/);
  });

  it('two components of one list share the seeded data', () => {
    const html = render(
      <>
        <PricingTable initialData={CATALOG} markCurrent={false} />
        <PricingTable className="again" markCurrent={false} />
      </>,
    );
    expect(html.match(/data-price="basic"/g)).toHaveLength(2);
  });
});
