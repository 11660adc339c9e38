import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { CheckoutStatus, InvoiceList, RefundForm, SubscriptionList } from '../../src/index';
import { createHarness, type Harness } from './harness';
import { expectNoAxeViolations } from './utils';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});

describe('<SubscriptionList>', () => {
  it('cancels at period end after a confirm step, then resumes', async () => {
    await h.buy('pro', 'subscription');
    const screen = await render(
      <h.Provider locale="en-US">
        <SubscriptionList priceLabel={(p) => (p === 'pro' ? 'Pro plan' : p)} />
      </h.Provider>,
    );
    const root = screen.container.querySelector('.tb-subscriptions')!;
    await expect.element(page.getByText('Pro plan')).toBeVisible();
    expect(root.textContent).toMatch(/Next charge on/);
    await expectNoAxeViolations(root);

    await page.getByRole('button', { name: 'Cancel subscription to Pro plan' }).click();
    const confirm = page.getByRole('group', { name: 'Cancel Pro plan at the end of the billing period?' });
    await expect.element(confirm).toBeVisible();
    expect(document.activeElement).toBe(confirm.element());
    await expectNoAxeViolations(root);
    await confirm.getByRole('button', { name: 'Yes, cancel' }).click();
    await expect
      .element(page.getByRole('status').filter({ hasText: /Your subscription will end on/ }))
      .toBeVisible();
    expect(root.textContent).toMatch(/Ends on/);
    // Focus lands on the button that replaced "Cancel subscription" for this item.
    expect(document.activeElement).toBe(
      page.getByRole('button', { name: 'Resume subscription to Pro plan' }).element(),
    );
    const update = h.sim.requests.find(
      (r) => r.method === 'POST' && /^\/v1\/subscriptions\/sub_/.test(r.path),
    )!;
    expect(update.params).toMatchObject({ cancel_at_period_end: 'true' });

    await page.getByRole('button', { name: 'Resume subscription to Pro plan' }).click();
    await expect
      .element(page.getByRole('status').filter({ hasText: 'Your subscription was resumed.' }))
      .toBeVisible();
    expect(root.textContent).toMatch(/Next charge on/);
  });

  it('names plans by the catalog’s product name and says the status in words', async () => {
    await h.buy('pro', 'subscription');
    const screen = await render(
      <h.Provider locale="en-US">
        <SubscriptionList />
        <SubscriptionList className="second" />
      </h.Provider>,
    );
    const root = screen.container.querySelector('.tb-subscriptions')!;
    await expect
      .element(page.getByRole('button', { name: 'Cancel subscription to Pro' }).first())
      .toBeVisible();
    const item = root.querySelector('.tb-item')!;
    expect(item.querySelector('.tb-item-label')!.textContent).toBe('Pro');
    expect(item.querySelector('.tb-badge')!.textContent).toBe('Active');
    // Two lists, one catalog request (shared with useCatalog() and <PricingTable>).
    expect(h.calls.filter((c) => c === 'GET /catalog')).toHaveLength(1);
  });

  it('shows the empty state', async () => {
    await render(
      <h.Provider>
        <SubscriptionList />
      </h.Provider>,
    );
    await expect.element(page.getByText('You have no subscriptions.')).toBeVisible();
  });
});

describe('<InvoiceList>', () => {
  it('lists the customer’s invoices with amount and a link to the hosted invoice', async () => {
    await h.buy('pro', 'subscription');
    const screen = await render(
      <h.Provider locale="en-US">
        <InvoiceList />
      </h.Provider>,
    );
    const table = page.getByRole('table', { name: 'Invoices' });
    await expect.element(table).toBeVisible();
    expect(table.element().textContent).toContain('$29.00');
    const number = table
      .getByRole('rowheader')
      .element()
      .textContent!.replace(/\s*View$/, '');
    const link = table.getByRole('link', { name: `View invoice ${number} (opens in a new tab)` });
    await expect.element(link).toHaveTextContent(/^View$/);
    expect((link.element() as HTMLAnchorElement).rel).toBe('noopener noreferrer');
    expect((link.element() as HTMLAnchorElement).href).toMatch(/^https?:/);
    // The status in words, not Stripe's raw value.
    await expect.element(table.getByRole('cell', { name: 'Paid', exact: true })).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });

  it('fits a phone: the table scrolls inside its own focusable region, the card keeps its width', async () => {
    await h.buy('pro', 'subscription');
    const screen = await render(
      <div style={{ width: '240px' }}>
        <h.Provider locale="en-US">
          <InvoiceList />
        </h.Provider>
      </div>,
    );
    const region = page.getByRole('region', { name: 'Invoices' });
    await expect.element(region).toBeVisible();
    await expect.element(region).toHaveAttribute('tabindex', '0');
    const section = screen.container.querySelector('.tb-invoices')!;
    const box = section.getBoundingClientRect();
    expect(box.width).toBeLessThanOrEqual(240);
    expect(region.element().getBoundingClientRect().right).toBeLessThanOrEqual(box.right + 0.5);
    expect(section.scrollWidth).toBeLessThanOrEqual(section.clientWidth);
    // The four columns are wider than 240 px: they scroll inside the region.
    expect(region.element().scrollWidth).toBeGreaterThan(region.element().clientWidth);
    await expectNoAxeViolations(screen.container);
  });

  it('asks an anonymous visitor to sign in', async () => {
    h.state.user = null;
    await render(
      <h.Provider>
        <InvoiceList />
      </h.Provider>,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent('Please sign in to continue.');
  });
});

describe('<CheckoutStatus>', () => {
  it('tells the buyer the payment was received', async () => {
    const id = await h.buy('basic', 'payment');
    const screen = await render(
      <h.Provider locale="en-US">
        <CheckoutStatus sessionId={id} />
      </h.Provider>,
    );
    await expect.element(page.getByRole('status')).toHaveTextContent('Payment received: $15.00. Thank you!');
    expect(screen.container.querySelector('.tb-checkout-status')!.getAttribute('data-state')).toBe(
      'succeeded',
    );
    await expectNoAxeViolations(screen.container);
  });

  it('lists what was bought, a plan with its interval, and where the receipt goes', async () => {
    const id = await h.buy('pro', 'subscription');
    const screen = await render(
      <h.Provider locale="en-US">
        <CheckoutStatus sessionId={id} />
      </h.Provider>,
    );
    const order = page.getByRole('list', { name: 'Your order' });
    await expect.element(order).toBeVisible();
    const lines = [...screen.container.querySelectorAll('.tb-order li')].map((li) => li.textContent);
    expect(lines[0]).toMatch(/^1 × .+\$[\d.]+ \/ month$/);
    expect(lines.at(-1)).toMatch(/^Total\$[\d.]+$/);
    await expect.element(page.getByText(/^A receipt is on its way to .+@.+\.$/)).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });

  it('hides another customer’s session (404)', async () => {
    const id = await h.buy('basic', 'payment');
    h.state.user = { id: 'u_other', roles: ['customer'] };
    await render(
      <h.Provider>
        <CheckoutStatus sessionId={id} />
      </h.Provider>,
    );
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('We could not find this order. Sign in with the account you paid with.');
  });
});

describe('<RefundForm>', () => {
  async function paidIntent() {
    const pi = await h.stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(pi.status).toBe('succeeded');
    return pi.id;
  }

  it('refunds part of a payment for an admin, each refund after a confirm step', async () => {
    const id = await paidIntent();
    h.state.user = { id: 'u_admin', roles: ['admin'] };
    const screen = await render(
      <h.Provider locale="en-US">
        <RefundForm paymentIntent={id} currency="usd" />
      </h.Provider>,
    );
    const root = screen.container.querySelector('.tb-refund-form')!;
    await expectNoAxeViolations(root);
    await page.getByLabelText(/Amount to refund/).fill('5.5');
    await page.getByLabelText('Reason').selectOptions('requested_by_customer');
    await page.getByRole('button', { name: 'Refund' }).click();
    const confirm = page.getByRole('group', { name: 'Refund $5.50?' });
    await expect.element(confirm).toBeVisible();
    expect(document.activeElement).toBe(confirm.element());
    expect(h.stripeCalls('POST', '/v1/refunds')).toBe(0);
    await expectNoAxeViolations(root);
    await confirm.getByRole('button', { name: 'Yes, refund' }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('Refunded $5.50.');
    const refund = h.sim.requests.find((r) => r.path === '/v1/refunds')!;
    expect(refund.params).toMatchObject({
      payment_intent: id,
      amount: '550',
      reason: 'requested_by_customer',
    });
    expect(root.getAttribute('data-state')).toBe('succeeded');

    // Another refund of the same payment, without reloading: the form is ready again, the outcome stays.
    const amount = page.getByLabelText(/Amount to refund/);
    await expect.element(amount).toHaveValue('');
    await amount.fill('2');
    await page.getByRole('button', { name: 'Refund' }).click();
    await page.getByRole('button', { name: 'Yes, refund' }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('Refunded $2.00.');
    const refunds = h.sim.requests.filter((r) => r.path === '/v1/refunds');
    expect(refunds.map((r) => r.params.amount)).toEqual(['550', '200']);
    expect(refunds[0]!.idempotencyKey).not.toBe(refunds[1]!.idempotencyKey);
  });

  it('refunds the whole payment for an empty amount only once confirmed, by keyboard', async () => {
    const id = await paidIntent();
    h.state.user = { id: 'u_admin', roles: ['admin'] };
    await render(
      <h.Provider locale="en-US">
        <RefundForm paymentIntent={id} refundable={2000} />
      </h.Provider>,
    );
    await expect.element(page.getByText('$20.00 left to refund.')).toBeVisible();
    const button = page.getByRole('button', { name: 'Refund' });
    button.element().focus();
    await userEvent.keyboard('{Enter}');
    const confirm = page.getByRole('group', { name: 'Refund the whole payment?' });
    await expect.element(confirm).toBeVisible();
    // Escape backs out: nothing is refunded and focus is back on the button.
    await userEvent.keyboard('{Escape}');
    await expect.element(confirm).not.toBeInTheDocument();
    expect(document.activeElement).toBe(page.getByRole('button', { name: 'Refund' }).element());
    expect(h.stripeCalls('POST', '/v1/refunds')).toBe(0);

    await userEvent.keyboard('{Enter}');
    await expect.element(confirm).toBeVisible();
    await userEvent.keyboard('{Tab}{Enter}');
    await expect.element(page.getByRole('status')).toHaveTextContent('Refunded $20.00.');
    const refund = h.sim.requests.find((r) => r.path === '/v1/refunds')!;
    expect(refund.params.amount).toBeUndefined();
  });

  it('says what is left when asked for more, and clears the last success', async () => {
    const id = await paidIntent();
    h.state.user = { id: 'u_admin', roles: ['admin'] };
    await render(
      <h.Provider locale="en-US">
        <RefundForm paymentIntent={id} refundable={2000} />
      </h.Provider>,
    );
    const amount = page.getByLabelText(/Amount to refund/);
    await amount.fill('5');
    await page.getByRole('button', { name: 'Refund' }).click();
    await page.getByRole('button', { name: 'Yes, refund' }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('Refunded $5.00.');
    await amount.fill('500');
    await page.getByRole('button', { name: 'Refund' }).click();
    await page.getByRole('button', { name: 'Yes, refund' }).click();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('This is more than is left to refund on this payment.');
    // The earlier "Refunded $5.00." no longer sits beside the new error.
    expect(document.querySelector('.tb-refund-form .tb-status')?.textContent).toBe('');
  });

  it('keeps its fields inside a narrow card instead of widening it', async () => {
    await render(
      <div style={{ width: '140px' }}>
        <h.Provider>
          <RefundForm paymentIntent="pi_1" />
        </h.Provider>
      </div>,
    );
    const form = page.getByRole('form').element();
    const right = form.getBoundingClientRect().right;
    for (const field of form.querySelectorAll('input, select, .tb-heading')) {
      expect(field.getBoundingClientRect().right).toBeLessThanOrEqual(right + 0.5);
    }
    expect(form.scrollWidth).toBeLessThanOrEqual(form.clientWidth);
  });

  it('draws input borders at 3:1 contrast or more, in the light and the dark theme', async () => {
    const luminance = (css: string) => {
      const [r, g, b] = css
        .match(/\d+/g)!
        .slice(0, 3)
        .map((c) => {
          const v = Number(c) / 255;
          return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    await render(
      <h.Provider>
        <RefundForm paymentIntent="pi_1" />
      </h.Provider>,
    );
    const form = page.getByRole('form').element();
    const inputs = [...form.querySelectorAll('.tb-input')];
    expect(inputs).toHaveLength(2);
    try {
      for (const theme of ['light', 'dark']) {
        document.documentElement.dataset.theme = theme;
        const background = getComputedStyle(form).backgroundColor;
        for (const input of inputs) {
          expect(contrast(getComputedStyle(input).borderTopColor, background)).toBeGreaterThanOrEqual(3);
        }
      }
    } finally {
      delete document.documentElement.dataset.theme;
    }
  });

  it('tells several forms apart by their label', async () => {
    h.state.user = { id: 'u_admin', roles: ['admin'] };
    await render(
      <h.Provider>
        <RefundForm paymentIntent="pi_1" label="Refund order #1" />
        <RefundForm paymentIntent="pi_2" aria-label="Refund order #2" />
      </h.Provider>,
    );
    await expect.element(page.getByRole('form', { name: 'Refund order #1' })).toBeVisible();
    await expect.element(page.getByRole('heading', { name: 'Refund order #1' })).toBeVisible();
    await expect.element(page.getByRole('form', { name: 'Refund order #2' })).toBeVisible();
  });

  it('rejects a malformed amount before calling the server', async () => {
    h.state.user = { id: 'u_admin', roles: ['admin'] };
    await render(
      <h.Provider>
        <RefundForm paymentIntent="pi_123" />
      </h.Provider>,
    );
    await page.getByLabelText(/Amount to refund/).fill('5.555');
    await page.getByRole('button', { name: 'Refund' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('Enter a positive amount');
    await expect.element(page.getByLabelText(/Amount to refund/)).toHaveAttribute('aria-invalid', 'true');
    expect(h.calls).toEqual([]);
  });

  it('names the cap when a refund is over it (403)', async () => {
    const id = await paidIntent();
    await render(
      <h.Provider locale="en-US">
        <RefundForm paymentIntent={id} limit={1000} />
      </h.Provider>,
    );
    await page.getByLabelText(/Amount to refund/).fill('15');
    await page.getByRole('button', { name: 'Refund' }).click();
    await page.getByRole('button', { name: 'Yes, refund' }).click();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('You may refund at most $10.00 at once. Refund less, or ask an admin.');
  });

  it('shows the forbidden state to a customer and refunds nothing', async () => {
    const id = await paidIntent();
    const screen = await render(
      <h.Provider>
        <RefundForm paymentIntent={id} />
      </h.Provider>,
    );
    await page.getByRole('button', { name: 'Refund' }).click();
    await page.getByRole('button', { name: 'Yes, refund' }).click();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('You may not make this refund. Refund less, or ask an admin.');
    expect(h.stripeCalls('POST', '/v1/refunds')).toBe(0);
    await expectNoAxeViolations(screen.container);
  });
});
