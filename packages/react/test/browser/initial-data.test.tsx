import type { ReactNode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import {
  type CatalogKey,
  type CatalogResponse,
  InvoiceList,
  type InvoiceListResponse,
  PricingTable,
  SubscriptionList,
  type SubscriptionListResponse,
  usePaymentMethods,
} from '../../src/index';
import { createHarness, type Harness } from './harness';

// The Server Component path for real: the data comes from `tollbooth.load` (the GET routes themselves), the HTML
// from renderToString, and the browser hydrates it. Nothing may be asked again on mount; a change still reloads.

let h: Harness;
let root: Root | undefined;
let container: HTMLElement;
let hydrationErrors: unknown[];
beforeEach(() => {
  h = createHarness();
  container = document.createElement('div');
  document.body.append(container);
  hydrationErrors = [];
});
afterEach(() => {
  root?.unmount();
  root = undefined;
  container.remove();
});

/** The page request a Server Component would load for (the harness's getUser reads its own state). */
const pageRequest = () => new Request(`${location.origin}/account`);
// The harness's catalog (basic, pro, yen) is not the one the package's type tests register for the components.
const registered = <T,>(data: unknown) => data as T;

/**
 * Mounting is over when a sibling's effect has asked for its own list: React runs a commit's effects together,
 * so a request the components under test would send on mount has been sent by then.
 */
function Mounted() {
  usePaymentMethods();
  return null;
}

/** Server-renders `node`, then hydrates that HTML in the page as Next.js does; resolves once effects ran. */
async function serveAndHydrate(node: (userId?: string) => ReactNode) {
  const tree = (userId?: string) => (
    <h.Provider locale="en-US" userId={userId ?? 'u_1'}>
      {node(userId)}
      <Mounted />
    </h.Provider>
  );
  container.innerHTML = renderToString(tree());
  const serverHtml = container.innerHTML;
  h.calls.length = 0;
  root = hydrateRoot(container, tree(), {
    onRecoverableError: (error) => hydrationErrors.push(error),
  });
  await expect.poll(() => h.calls).toContain('GET /payment-methods');
  return { serverHtml, rerender: (userId: string) => root?.render(tree(userId)) };
}

/** A page with the invoice list, shown or not, under the harness's provider (kept across re-renders). */
function Page(props: { show: boolean; initialData?: InvoiceListResponse }) {
  return (
    <h.Provider locale="en-US">
      {props.show ? <InvoiceList initialData={props.initialData} /> : null}
      <Mounted />
    </h.Provider>
  );
}
const invoiceRequests = () => h.calls.filter((c) => c === 'GET /invoices').length;

describe('initialData from tollbooth.load, server-rendered and hydrated', () => {
  it('<InvoiceList>: the row is in the server HTML, hydrates without a mismatch and is not fetched again', async () => {
    await h.buy('pro', 'subscription');
    const invoices = await h.tollbooth.load('invoices.list', pageRequest());
    const number = invoices.data[0]?.number;
    expect(number).toBeTruthy();

    const { serverHtml, rerender } = await serveAndHydrate(() => <InvoiceList initialData={invoices} />);
    expect(serverHtml).toContain(`<th scope="row">${number}`);
    expect(serverHtml).not.toContain('Loading…');
    expect(h.calls).not.toContain('GET /invoices');
    expect(hydrationErrors).toEqual([]);
    await expect.element(page.getByRole('rowheader', { name: new RegExp(number as string) })).toBeVisible();

    // Another user signs in: the seeded rows were the last user's, so the list loads again through the hook.
    rerender('u_2');
    await expect.poll(() => h.calls).toContain('GET /invoices');
  });

  it('<PricingTable>: the cards are in the server HTML and GET /catalog is never sent', async () => {
    const catalog = registered<CatalogResponse<CatalogKey>>(
      await h.tollbooth.load('catalog.read', pageRequest()),
    );
    const { serverHtml } = await serveAndHydrate(() => <PricingTable initialData={catalog} />);
    expect(serverHtml.match(/<li class="tb-plan"/g)).toHaveLength(3);
    expect(serverHtml).toContain('$29.00 / month');
    // The current-plan mark still comes from GET /billing; the catalog is not asked for.
    await expect.poll(() => h.calls).toContain('GET /billing');
    expect(h.calls).not.toContain('GET /catalog');
    expect(hydrationErrors).toEqual([]);
  });

  it('<SubscriptionList>: the row is in the server HTML; a cancel reloads the list through the hook', async () => {
    await h.buy('pro', 'subscription');
    const [subscriptions, catalog] = await Promise.all([
      h.tollbooth.load('subscriptions.list', pageRequest()),
      h.tollbooth.load('catalog.read', pageRequest()),
    ]);
    const { serverHtml } = await serveAndHydrate(() => (
      <SubscriptionList
        initialData={registered<SubscriptionListResponse<CatalogKey>>(subscriptions)}
        initialCatalog={registered<CatalogResponse<CatalogKey>>(catalog)}
      />
    ));
    expect(serverHtml).toContain('<span class="tb-item-label">Pro</span>');
    expect(serverHtml).toContain('$29.00 / month · Next charge on');
    expect(h.calls).not.toContain('GET /subscriptions');
    expect(h.calls).not.toContain('GET /catalog');
    expect(hydrationErrors).toEqual([]);

    await page.getByRole('button', { name: 'Cancel subscription to Pro' }).click();
    await page.getByRole('button', { name: 'Yes, cancel' }).click();
    await expect
      .element(page.getByRole('status').filter({ hasText: /Your subscription will end on/ }))
      .toBeVisible();
    const cancel = h.calls.findIndex((c) => /^POST \/subscriptions\/sub_\w+\/cancel$/.test(c));
    expect(cancel).toBeGreaterThanOrEqual(0);
    expect(h.calls.slice(cancel)).toContain('GET /subscriptions');
    // The re-render passes the same (older) initialData again: the newer answer stays on screen.
    expect(container.querySelector('.tb-item-detail')?.textContent).toMatch(/Ends on/);
  });

  describe('a page shown again in the same provider (client-side navigation)', () => {
    it('earlier server data gives way to the new initialData, still without a request', async () => {
      await h.buy('pro', 'subscription');
      const invoices = await h.tollbooth.load('invoices.list', pageRequest());
      const screen = await render(<Page show initialData={{ data: [] }} />);
      await expect.poll(() => h.calls).toContain('GET /payment-methods');
      await expect.element(page.getByText('You have no invoices.')).toBeVisible();
      await screen.rerender(<Page show={false} />);
      await screen.rerender(<Page show initialData={invoices} />);
      await expect
        .element(page.getByRole('rowheader', { name: new RegExp(invoices.data[0]?.number as string) }))
        .toBeVisible();
      expect(invoiceRequests()).toBe(0);
    });

    it('an answer a request brought is kept and revalidated on mount, as without initialData', async () => {
      await h.buy('pro', 'subscription');
      const screen = await render(<Page show />);
      await expect.poll(invoiceRequests).toBe(1);
      const number = (await h.tollbooth.load('invoices.list', pageRequest())).data[0]?.number as string;
      await expect.element(page.getByRole('rowheader', { name: new RegExp(number) })).toBeVisible();
      await screen.rerender(<Page show={false} />);
      // An older server render (no invoices yet) must not replace what the browser already fetched.
      await screen.rerender(<Page show initialData={{ data: [] }} />);
      await expect.poll(invoiceRequests).toBe(2);
      await expect.element(page.getByRole('rowheader', { name: new RegExp(number) })).toBeVisible();
      expect(page.getByText('You have no invoices.').elements()).toHaveLength(0);
    });
  });
});
