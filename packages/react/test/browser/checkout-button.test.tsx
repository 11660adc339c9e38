import { StrictMode, useState } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { CheckoutButton, CustomerPortalButton, EmbeddedCheckout, PricingTable } from '../../src/index';
import { createHarness, type Harness } from './harness';
import { expectNoAxeViolations, fillCard } from './utils';

/** The documented pairing: an embedded-mode button hands its session to `<EmbeddedCheckout clientSecret>`. */
function Shop(props: { redirect: (url: string) => void; onComplete: () => void }) {
  const [clientSecret, setClientSecret] = useState<string | null>(null);
  return clientSecret ? (
    <EmbeddedCheckout clientSecret={clientSecret} onComplete={props.onComplete} />
  ) : (
    <CheckoutButton
      price="basic"
      quantity={2}
      uiMode="embedded"
      redirect={props.redirect}
      onCheckout={(session) => 'clientSecret' in session && setClientSecret(session.clientSecret)}
    />
  );
}

let h: Harness;
beforeEach(() => {
  h = createHarness();
});

describe('<CheckoutButton>', () => {
  it('creates a hosted session for the price and redirects to it, once on a double click', async () => {
    const redirects: string[] = [];
    const screen = await render(
      <StrictMode>
        <h.Provider>
          <CheckoutButton
            price="basic"
            quantity={3}
            redirect={(url) => redirects.push(url)}
            className="buy"
          />
        </h.Provider>
      </StrictMode>,
    );
    const root = screen.container.querySelector('.tb-checkout-button')!;
    expect(root.classList.contains('buy')).toBe(true);
    await expectNoAxeViolations(root);
    await userEvent.dblClick(page.getByRole('button', { name: 'Buy now' }));
    await expect.poll(() => redirects).toHaveLength(1);
    expect(redirects[0]).toMatch(new RegExp(`^${h.sim.baseUrl}/_simulator/checkout/cs_`));
    expect(h.calls.filter((c) => c === 'POST /checkout')).toHaveLength(1);
    expect(h.stripeCalls('POST', '/v1/checkout/sessions')).toBe(1);
    const session = h.sim.requests.find((r) => r.path === '/v1/checkout/sessions')!;
    expect(session.params).toMatchObject({
      mode: 'payment',
      line_items: [{ price: 'price_basic', quantity: '3' }],
    });
    // Still disabled while the browser leaves for Stripe.
    await expect.element(page.getByRole('button', { name: 'Buy now' })).toBeDisabled();
    expect(root.getAttribute('data-state')).toBe('succeeded');
  });

  it('with uiMode="embedded" creates an embedded session, hands it over and never redirects', async () => {
    const redirects: string[] = [];
    let completed = 0;
    const screen = await render(
      <StrictMode>
        <h.Provider>
          <Shop redirect={(url) => redirects.push(url)} onComplete={() => completed++} />
        </h.Provider>
      </StrictMode>,
    );
    await page.getByRole('button', { name: 'Buy now' }).click();
    await expect.element(page.getByRole('button', { name: 'Pay $30.00' })).toBeVisible();
    expect(redirects).toEqual([]);
    expect(h.calls.filter((c) => c === 'POST /checkout')).toHaveLength(1);
    const created = h.sim.requests.find((r) => r.path === '/v1/checkout/sessions')!;
    expect(created.params).toMatchObject({
      ui_mode: 'embedded_page',
      line_items: [{ price: 'price_basic', quantity: '2' }],
    });
    await expectNoAxeViolations(screen.container.querySelector('.tb-embedded-checkout')!);
    await fillCard('4242424242424242');
    await page.getByRole('button', { name: 'Pay $30.00' }).click();
    await expect.poll(() => completed).toBe(1);
    expect(h.stripeCalls('POST', '/v1/checkout/sessions')).toBe(1);
  });

  it('with uiMode="embedded" stays usable after handing the session over', async () => {
    const sessions: string[] = [];
    const screen = await render(
      <h.Provider>
        <CheckoutButton
          price="basic"
          uiMode="embedded"
          onCheckout={(session) => sessions.push('clientSecret' in session ? 'embedded' : 'hosted')}
        />
      </h.Provider>,
    );
    await page.getByRole('button', { name: 'Buy now' }).click();
    await expect.poll(() => sessions).toEqual(['embedded']);
    const root = screen.container.querySelector('.tb-checkout-button')!;
    await expect.poll(() => root.getAttribute('data-state')).toBe('succeeded');
    // Nothing is leaving the page: the button is not stuck in "redirecting".
    await expect.element(page.getByRole('button', { name: 'Buy now' })).toBeEnabled();
    expect(page.getByText('Redirecting to checkout…').elements()).toHaveLength(0);
    await expectNoAxeViolations(root);
  });

  it('comes from the server disabled and can be pressed once hydrated (no click is lost)', async () => {
    const app = (
      <h.Provider>
        <CheckoutButton price="basic" redirect={() => {}} />
        <CustomerPortalButton redirect={() => {}} />
      </h.Provider>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(app);
    document.body.append(container);
    const buttons = () => [...container.querySelectorAll('button')];
    expect(buttons().map((b) => b.disabled)).toEqual([true, true]);
    const root = hydrateRoot(container, app);
    await expect.poll(() => buttons().map((b) => b.disabled)).toEqual([false, false]);
    root.unmount();
    container.remove();
  });

  it('works from the keyboard alone', async () => {
    const redirects: string[] = [];
    await render(
      <h.Provider>
        <CheckoutButton price="basic" redirect={(url) => redirects.push(url)} />
      </h.Provider>,
    );
    await userEvent.tab();
    expect(document.activeElement).toBe(page.getByRole('button', { name: 'Buy now' }).element());
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => redirects).toHaveLength(1);
    await expect.element(page.getByRole('status')).toHaveTextContent('Redirecting to checkout…');
  });

  it('asks an anonymous visitor to sign in (401) without a retry', async () => {
    h.state.user = null;
    const screen = await render(
      <h.Provider>
        <CheckoutButton items={[{ price: 'pro', quantity: 1 }]} mode="subscription" redirect={() => {}} />
      </h.Provider>,
    );
    // A subscription is not a purchase: the default label says what the click does.
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('Please sign in to continue.');
    const root = screen.container.querySelector('.tb-checkout-button')!;
    expect(root.getAttribute('data-state')).toBe('error');
    expect(page.getByRole('button', { name: 'Try again' }).elements()).toHaveLength(0);
    await expect.element(page.getByRole('button', { name: 'Subscribe' })).toBeEnabled();
    await expectNoAxeViolations(root);
  });

  it('shows a network failure with a retry that reuses the attempt’s Idempotency-Key', async () => {
    const keys: string[] = [];
    let fail = true;
    const flaky = async (input: RequestInfo | URL, init?: RequestInit) => {
      keys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
      if (fail) throw new TypeError('Failed to fetch');
      return h.routeFetch(input, init);
    };
    const redirects: string[] = [];
    await render(
      <h.Provider fetch={flaky}>
        <CheckoutButton price="basic" redirect={(url) => redirects.push(url)} />
      </h.Provider>,
    );
    await page.getByRole('button', { name: 'Buy now' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('We could not reach the server.');
    fail = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => redirects).toHaveLength(1);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[0]).not.toBe('');
  });
});

describe('<PricingTable>', () => {
  it('lists the catalog with local currency formats and a buy action per price', async () => {
    const screen = await render(
      <h.Provider locale="en-US">
        <PricingTable />
      </h.Provider>,
    );
    await expect.element(page.getByRole('heading', { name: 'Basic' })).toBeVisible();
    const root = screen.container.querySelector('.tb-pricing-table')!;
    expect(root.getAttribute('data-state')).toBe('idle');
    expect(root.textContent).toContain('$15.00');
    expect(root.textContent).toContain('$29.00 / month');
    expect(root.textContent).toContain('¥1,500');
    expect(root.textContent).toContain('For one person');
    await expectNoAxeViolations(root);

    const redirects: string[] = [];
    await screen.rerender(
      <h.Provider locale="en-US">
        <PricingTable
          renderAction={(price, label) => (
            <button type="button" onClick={() => redirects.push(price.id)}>
              {label} {price.product.name}
            </button>
          )}
        />
      </h.Provider>,
    );
    await page.getByRole('button', { name: 'Subscribe Pro' }).click();
    expect(redirects).toEqual(['pro']);
  });

  it('buys a recurring price in subscription mode through its default button', async () => {
    const redirects: string[] = [];
    await render(
      <h.Provider>
        <PricingTable prices={['pro']} redirect={(url) => redirects.push(url)} />
      </h.Provider>,
    );
    await page.getByRole('button', { name: 'Subscribe Pro' }).click();
    await expect.poll(() => redirects).toHaveLength(1);
    expect(page.getByRole('button', { name: /Buy Basic/ }).elements()).toHaveLength(0);
    const session = h.sim.requests.find((r) => r.path === '/v1/checkout/sessions')!;
    expect(session.params).toMatchObject({
      mode: 'subscription',
      line_items: [{ price: 'price_pro', quantity: '1' }],
    });
  });
});

describe('<PricingTable> with its default buttons', () => {
  it('passes checkoutButtonProps to each button: cancel path, messages, onCheckout, className', async () => {
    const seen: string[] = [];
    const redirects: string[] = [];
    await render(
      <h.Provider>
        <PricingTable
          prices={['basic']}
          successPath="/thanks"
          checkoutButtonProps={{
            cancelPath: '/pricing',
            className: 'plan-buy',
            messages: { processing: 'Off to Stripe…' },
            onCheckout: (session) => seen.push(session.id),
            redirect: (url) => redirects.push(url),
          }}
        />
      </h.Provider>,
    );
    await page.getByRole('button', { name: 'Buy Basic' }).click();
    await expect.poll(() => redirects).toHaveLength(1);
    expect(seen).toHaveLength(1);
    await expect.element(page.getByRole('status').filter({ hasText: 'Off to Stripe…' })).toBeInTheDocument();
    expect(document.querySelector('.tb-plan .tb-checkout-button.plan-buy')).not.toBeNull();
    const session = h.sim.requests.find((r) => r.path === '/v1/checkout/sessions')!;
    expect(String(session.params.success_url)).toContain('/thanks');
    expect(String(session.params.cancel_url)).toContain('/pricing');
  });

  it('lines prices and buttons up across cards, and names each card by its key', async () => {
    const screen = await render(
      <div style={{ width: '48rem' }}>
        <h.Provider>
          <PricingTable prices={['basic', 'pro']} redirect={() => {}} />
        </h.Provider>
      </div>,
    );
    await expect.element(page.getByRole('button', { name: 'Buy Basic' })).toBeVisible();
    const basic = screen.container.querySelector('li[data-price="basic"]')!;
    const pro = screen.container.querySelector('li[data-price="pro"]')!;
    expect(getComputedStyle(basic).flexWrap).toBe('nowrap');
    // Side by side; only Basic has a description, yet both prices and buttons sit at the same height.
    expect(basic.getBoundingClientRect().top).toBe(pro.getBoundingClientRect().top);
    const top = (card: Element, selector: string) =>
      card.querySelector(selector)!.getBoundingClientRect().top;
    expect(top(pro, '.tb-plan-price')).toBe(top(basic, '.tb-plan-price'));
    expect(top(pro, 'button')).toBe(top(basic, 'button'));
    // The button stays under the price, not in a column beside it.
    expect(top(basic, 'button')).toBeGreaterThan(top(basic, '.tb-plan-price'));
  });

  it('paints no page-coloured strip behind a button nested in a plan card', async () => {
    const screen = await render(
      <h.Provider>
        <PricingTable prices={['basic']} redirect={() => {}} />
      </h.Provider>,
    );
    await expect.element(page.getByRole('button', { name: 'Buy Basic' })).toBeVisible();
    const table = screen.container.querySelector('.tb-pricing-table')!;
    const nested = table.querySelector('.tb-checkout-button')!;
    expect(getComputedStyle(table).backgroundColor).toBe('rgb(255, 255, 255)');
    expect(getComputedStyle(nested).backgroundColor).toBe('rgba(0, 0, 0, 0)');
    // A button on its own still paints its surface.
    await screen.rerender(
      <h.Provider>
        <CheckoutButton price="basic" redirect={() => {}} />
      </h.Provider>,
    );
    const alone = screen.container.querySelector('.tb-checkout-button')!;
    expect(getComputedStyle(alone).backgroundColor).toBe('rgb(255, 255, 255)');
  });
});

describe('<CustomerPortalButton>', () => {
  it('opens the portal for the signed-in customer', async () => {
    const redirects: string[] = [];
    const screen = await render(
      <h.Provider>
        <CustomerPortalButton returnPath="/account" redirect={(url) => redirects.push(url)} />
      </h.Provider>,
    );
    await page.getByRole('button', { name: 'Manage billing' }).click();
    await expect.poll(() => redirects).toHaveLength(1);
    expect(redirects[0]).toContain('/_simulator/portal/');
    await expectNoAxeViolations(screen.container);
  });

  it('shows a forbidden state', async () => {
    h.state.user = { id: 'u_9', roles: ['viewer'] };
    await render(
      <h.Provider>
        <CustomerPortalButton redirect={() => {}} />
      </h.Provider>,
    );
    await page.getByRole('button', { name: 'Manage billing' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('You do not have permission to do this.');
  });
});

describe('theming', () => {
  it('meets contrast in the dark theme too ([data-theme=dark])', async () => {
    document.documentElement.dataset.theme = 'dark';
    try {
      const screen = await render(
        <h.Provider>
          <PricingTable />
          <CheckoutButton price="basic" redirect={() => {}} />
        </h.Provider>,
      );
      await expect.element(page.getByRole('heading', { name: 'Basic' })).toBeVisible();
      const root = screen.container.querySelector('.tb-pricing-table')!;
      expect(getComputedStyle(root).backgroundColor).toBe('rgb(17, 24, 39)');
      await expectNoAxeViolations(screen.container);
    } finally {
      delete document.documentElement.dataset.theme;
    }
  });
});
