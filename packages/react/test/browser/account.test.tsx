import { beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { CheckoutStatus, InvoiceList, RefundForm, SubscriptionList } from '../../src/index';
import { createHarness, type Harness } from './harness';
import { expectNoAxeViolations } from './utils';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});

/** Buys `price` through the real route and pays the session as Stripe's hosted page would. */
async function buy(price: 'basic' | 'pro', mode: 'payment' | 'subscription') {
  const response = await h.routeFetch('/api/tollbooth/checkout', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ items: [{ price, quantity: 1 }], mode }),
  });
  const { id } = (await response.json()) as { id: string };
  h.sim.completeCheckoutSession(id, { card: '4242424242424242' });
  return id;
}

describe('<SubscriptionList>', () => {
  it('cancels at period end after a confirm step, then resumes', async () => {
    await buy('pro', 'subscription');
    const screen = await render(
      <h.Provider locale="en-US">
        <SubscriptionList priceLabel={(p) => (p === 'pro' ? 'Pro plan' : p)} />
      </h.Provider>,
    );
    const root = screen.container.querySelector('.tb-subscriptions')!;
    await expect.element(page.getByText('Pro plan')).toBeVisible();
    expect(root.textContent).toMatch(/Renews on/);
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
    expect(root.textContent).toMatch(/Renews on/);
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
    await buy('pro', 'subscription');
    const screen = await render(
      <h.Provider locale="en-US">
        <InvoiceList />
      </h.Provider>,
    );
    const table = page.getByRole('table', { name: 'Invoices' });
    await expect.element(table).toBeVisible();
    expect(table.element().textContent).toContain('$29.00');
    const link = table.getByRole('link').element() as HTMLAnchorElement;
    expect(link.rel).toBe('noopener noreferrer');
    expect(link.href).toMatch(/^https?:/);
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
    const id = await buy('basic', 'payment');
    const screen = await render(
      <h.Provider locale="en-US">
        <CheckoutStatus sessionId={id} />
      </h.Provider>,
    );
    await expect.element(page.getByRole('status')).toHaveTextContent('Payment received. Thank you! $15.00');
    expect(screen.container.querySelector('.tb-checkout-status')!.getAttribute('data-state')).toBe(
      'succeeded',
    );
    await expectNoAxeViolations(screen.container);
  });

  it('hides another customer’s session (404)', async () => {
    const id = await buy('basic', 'payment');
    h.state.user = { id: 'u_other', roles: ['customer'] };
    await render(
      <h.Provider>
        <CheckoutStatus sessionId={id} />
      </h.Provider>,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent('We could not find this.');
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

  it('refunds part of a payment for an admin', async () => {
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
    await expect.element(page.getByRole('status')).toHaveTextContent('Refunded $5.50 (succeeded).');
    const refund = h.sim.requests.find((r) => r.path === '/v1/refunds')!;
    expect(refund.params).toMatchObject({
      payment_intent: id,
      amount: '550',
      reason: 'requested_by_customer',
    });
    expect(root.getAttribute('data-state')).toBe('succeeded');
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

  it('shows the forbidden state to a customer and refunds nothing', async () => {
    const id = await paidIntent();
    const screen = await render(
      <h.Provider>
        <RefundForm paymentIntent={id} />
      </h.Provider>,
    );
    await page.getByRole('button', { name: 'Refund' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('You do not have permission to do this.');
    expect(h.stripeCalls('POST', '/v1/refunds')).toBe(0);
    await expectNoAxeViolations(screen.container);
  });
});
