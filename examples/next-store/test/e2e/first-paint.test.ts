import { beforeAll, describe, expect, it } from 'vitest';
import { simulatorPriceId } from '../../server/catalog';
import { baseUrl, signIn, subscribeToClub, tollbooth } from '../helpers';
import { setupBrowser } from './browser';

const browser = setupBrowser();

interface Invoices {
  data: Array<{ id: string; number: string | null; status: string | null }>;
}

let cookie: string;
let invoiceNumber: string;
beforeAll(async () => {
  cookie = await signIn('alice');
  // Alice's club subscription (and its paid first invoice), unless an earlier run of this file made it.
  const listed = (await (await tollbooth('/subscriptions', { cookie })).json()) as { data: unknown[] };
  if (listed.data.length === 0) await subscribeToClub('alice', simulatorPriceId('club'));
  const invoices = (await (await tollbooth('/invoices', { cookie })).json()) as Invoices;
  invoiceNumber = invoices.data[0]?.number ?? '';
  expect(invoiceNumber).not.toBe('');
});

describe('first paint with data: the server-rendered HTML already holds the rows', () => {
  it('the account page’s first HTML lists the subscription and the invoice', async () => {
    const html = await (await fetch(`${baseUrl}/account`, { headers: { cookie } })).text();
    const subscriptions = /<section class="tb tb-subscriptions"[^>]*>[\s\S]*?<\/section>/.exec(html)?.[0];
    expect(subscriptions).toMatch(
      /^<section class="tb tb-subscriptions" data-state="idle" aria-busy="false">/,
    );
    expect(subscriptions).toMatch(
      /<li class="tb-item" data-status="active"[^>]*><span class="tb-item-label">Coffee club( plus)?</, // plan-change.test may have moved her up
    );
    expect(subscriptions).not.toContain('Loading…');
    const invoices = /<section class="tb tb-invoices"[^>]*>[\s\S]*?<\/table>/.exec(html)?.[0];
    expect(invoices).toMatch(/^<section class="tb tb-invoices" data-state="idle"/);
    expect(invoices).toMatch(new RegExp(`<tr data-status="paid"><th scope="row">${invoiceNumber}`));
  });

  it('a guest’s first HTML of the shop has the price cards', async () => {
    const html = await (await fetch(`${baseUrl}/`)).text();
    const table = /<section class="tb tb-pricing-table shop-range"[^>]*>[\s\S]*?<\/ul>/.exec(html)?.[0];
    expect(table).toMatch(/data-state="idle"/);
    expect(table?.match(/<li class="tb-plan"/g)).toHaveLength(5); // mug, tote, jacket and the two club tiers
    expect(table).toContain('Field jacket');
  });

  it('another visitor’s first HTML of the account page holds none of Alice’s rows', async () => {
    const bob = await (
      await fetch(`${baseUrl}/account`, { headers: { cookie: await signIn('bob') } })
    ).text();
    expect(bob).not.toContain(invoiceNumber);
    const guest = await (await fetch(`${baseUrl}/account`)).text();
    expect(guest).not.toContain(invoiceNumber);
    expect(guest).not.toContain('tb-subscriptions');
  });

  it('in Chromium the rows paint before any script ran, and hydration asks for neither list', async () => {
    const page = await browser.page('alice');
    const asked: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/tollbooth/')) asked.push(`${request.method()} ${url.pathname}`);
    });
    // The card manager loads its list on mount: once that answer is in, the page has hydrated and run its effects.
    const mounted = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/tollbooth/payment-methods',
    );
    await page.goto('/account', { waitUntil: 'commit' });
    await page
      .locator('.tb-subscriptions .tb-item[data-status="active"]', { hasText: 'Coffee club' })
      .waitFor();
    await page.getByRole('rowheader', { name: new RegExp(invoiceNumber) }).waitFor();
    await mounted;
    expect(asked).toContain('GET /api/tollbooth/payment-methods');
    expect(asked).not.toContain('GET /api/tollbooth/subscriptions');
    expect(asked).not.toContain('GET /api/tollbooth/invoices');
    expect(asked).not.toContain('GET /api/tollbooth/catalog');

    // A change still goes through the hooks: cancelling reloads the list from the route.
    const subscriptions = page.locator('.tb-subscriptions');
    await subscriptions.getByRole('button', { name: 'Cancel subscription to Coffee club' }).click();
    await subscriptions.getByRole('button', { name: 'Yes, cancel' }).click();
    await subscriptions.getByText(/Your subscription will end on/).waitFor();
    expect(asked).toContain('GET /api/tollbooth/subscriptions');
    await subscriptions.getByRole('button', { name: 'Resume subscription to Coffee club' }).click();
    await subscriptions.getByText('Your subscription was resumed.').waitFor();
  });
});
