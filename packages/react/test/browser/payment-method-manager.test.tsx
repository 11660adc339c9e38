import { StrictMode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { PaymentMethodManager, usePaymentMethods } from '../../src/index';
import { createHarness, type Harness } from './harness';
import { expectNoAxeViolations, fillCard } from './utils';

function Count() {
  const { data } = usePaymentMethods();
  return <p>{data ? `${data.data.length} cards` : 'loading'}</p>;
}

let h: Harness;
beforeEach(() => {
  h = createHarness();
});

async function addCard(number: string, last4: string) {
  await page.getByRole('button', { name: 'Add a card' }).click();
  await expect.element(page.getByLabelText('Card number')).toBeVisible();
  await fillCard(number);
  await page.getByRole('button', { name: 'Save card' }).click();
  await expect.element(page.getByRole('listitem').filter({ hasText: `ending in ${last4}` })).toBeVisible();
}

/** Saves a card the way a finished setup does: a SetupIntent from the route, confirmed in Stripe. */
async function saveThroughRoute(paymentMethod: string) {
  const response = await h.routeFetch('/api/tollbooth/setup-intents', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: '{}',
  });
  const { id, clientSecret } = (await response.json()) as { id: string; clientSecret: string };
  await h.stripe.setupIntents.confirm(id, { payment_method: paymentMethod });
  return { id, clientSecret };
}

describe('<PaymentMethodManager>', () => {
  it('saves cards, sets the default, and removes one after a confirm step', async () => {
    const screen = await render(
      <StrictMode>
        <h.Provider>
          <PaymentMethodManager className="wallet" />
        </h.Provider>
      </StrictMode>,
    );
    const root = screen.container.querySelector('.tb-payment-methods')!;
    await expect.element(page.getByText('You have no saved cards.')).toBeVisible();
    expect(root.getAttribute('data-state')).toBe('idle');
    // StrictMode mounts twice; the provider joins the in-flight list request.
    expect(h.calls.filter((c) => c === 'GET /payment-methods')).toHaveLength(1);
    await expectNoAxeViolations(root);

    await addCard('4242424242424242', '4242');
    await expect.element(page.getByRole('status').filter({ hasText: 'Card saved.' })).toBeVisible();
    // 3-D Secure on setup, handled by the stand-in's Stripe.js.
    await page.getByRole('button', { name: 'Add a card' }).click();
    await fillCard('4000002500003155');
    await page.getByRole('button', { name: 'Save card' }).click();
    await page
      .getByRole('dialog', { name: '3D Secure authentication' })
      .getByRole('button', { name: 'Complete' })
      .click();
    await expect.element(page.getByRole('listitem').filter({ hasText: 'ending in 3155' })).toBeVisible();
    expect(h.stripeCalls('POST', '/v1/setup_intents')).toBe(2);

    const customer = h.sim.requests.find((r) => r.path === '/v1/setup_intents')!.params.customer as string;
    await page.getByRole('button', { name: /^Make default: Visa ending in 3155, expires/ }).click();
    await expect.element(page.getByRole('status').filter({ hasText: 'Default card updated.' })).toBeVisible();
    const items = () => [...root.querySelectorAll('.tb-item')].map((li) => li.textContent);
    // The default card comes first, then the newest.
    await expect.poll(() => items()[0]).toContain('3155');
    expect(items()[0]).toContain('Default');
    const stored = await h.stripe.customers.retrieve(customer);
    expect(
      (stored as { invoice_settings: { default_payment_method: string } }).invoice_settings
        .default_payment_method,
    ).toMatch(/^pm_/);

    await page.getByRole('button', { name: /^Remove Visa ending in 4242, expires \d\d\/\d{4}$/ }).click();
    const confirm = page.getByRole('group', { name: /Remove Visa ending in 4242/ });
    await expect.element(confirm).toBeVisible();
    // Focus moves to the question so keyboard and screen-reader users land on it.
    expect(document.activeElement).toBe(confirm.element());
    await expectNoAxeViolations(root);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(items()).toHaveLength(2);
    // Focus returns to the button that opened the step; Escape closes it too.
    const removeFirst = page.getByRole('button', {
      name: /^Remove Visa ending in 4242, expires \d\d\/\d{4}$/,
    });
    expect(document.activeElement).toBe(removeFirst.element());
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('group', { name: /Remove Visa ending in 4242/ })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    expect(page.getByRole('group').elements()).toHaveLength(0);
    expect(document.activeElement).toBe(removeFirst.element());

    await page.getByRole('button', { name: /^Remove Visa ending in 4242, expires \d\d\/\d{4}$/ }).click();
    await page
      .getByRole('group', { name: /Remove Visa ending in 4242/ })
      .getByRole('button', { name: 'Yes, remove' })
      .click();
    await expect.element(page.getByRole('status').filter({ hasText: 'Card removed.' })).toBeVisible();
    expect(items()).toHaveLength(1);
    expect(items()[0]).toContain('3155');
    expect(document.activeElement).toBe(root.querySelector('h2'));
    expect(h.sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/detach'))).toHaveLength(1);
  });

  it('lists the default card first, then the newest', async () => {
    await saveThroughRoute('pm_card_visa');
    await saveThroughRoute('pm_card_mastercard');
    const screen = await render(
      <h.Provider>
        <PaymentMethodManager />
      </h.Provider>,
    );
    const root = screen.container.querySelector('.tb-payment-methods')!;
    const items = () => [...root.querySelectorAll('.tb-item-label')].map((span) => span.textContent);
    await expect.poll(items).toHaveLength(2);
    expect(items()[0]).toMatch(/^Mastercard ending in 4444/);
    await page.getByRole('button', { name: /^Make default: Visa ending in 4242, expires/ }).click();
    await expect.element(page.getByRole('status').filter({ hasText: 'Default card updated.' })).toBeVisible();
    expect(items()[0]).toMatch(/^Visa ending in 4242/);
    expect(root.querySelector('.tb-item')?.getAttribute('data-default')).toBe('true');
    await expectNoAxeViolations(root);
  });

  it('shows the forbidden state from a 403, with no Stripe call', async () => {
    h.state.user = { id: 'u_3', roles: ['viewer'] };
    const screen = await render(
      <h.Provider>
        <PaymentMethodManager />
      </h.Provider>,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent('You do not have permission to do this.');
    const root = screen.container.querySelector('.tb-payment-methods')!;
    expect(root.getAttribute('data-state')).toBe('error');
    expect(page.getByRole('button', { name: 'Add a card' }).elements()).toHaveLength(0);
    expect(h.sim.requests).toHaveLength(0);
    await expectNoAxeViolations(root);
  });

  it('shares one request between components reading the same list', async () => {
    await render(
      <StrictMode>
        <h.Provider>
          <Count />
          <PaymentMethodManager />
          <Count />
        </h.Provider>
      </StrictMode>,
    );
    await expect.element(page.getByText('You have no saved cards.')).toBeVisible();
    expect(page.getByText('0 cards').elements()).toHaveLength(2);
    expect(h.calls.filter((c) => c === 'GET /payment-methods')).toHaveLength(1);
  });
});

describe('<PaymentMethodManager> coming back from a redirect', () => {
  it('reads setup_intent_client_secret from the URL, says the card was saved and creates nothing', async () => {
    const saved = await saveThroughRoute('pm_card_visa');
    const setupIntentsBefore = h.stripeCalls('POST', '/v1/setup_intents');
    const before = location.href;
    history.replaceState(
      null,
      '',
      `?setup_intent=${saved.id}&setup_intent_client_secret=${saved.clientSecret}&redirect_status=succeeded`,
    );
    try {
      h.calls.length = 0;
      const screen = await render(
        <StrictMode>
          <h.Provider>
            <PaymentMethodManager />
          </h.Provider>
        </StrictMode>,
      );
      await expect.element(page.getByRole('status').filter({ hasText: 'Card saved.' })).toBeVisible();
      await expect.element(page.getByText(/^Visa ending in 4242/)).toBeVisible();
      const root = screen.container.querySelector('.tb-payment-methods')!;
      expect(root.getAttribute('data-state')).toBe('idle');
      expect(h.calls.filter((c) => c !== 'GET /payment-methods')).toEqual([]);
      expect(h.stripeCalls('POST', '/v1/setup_intents')).toBe(setupIntentsBefore);
      await expectNoAxeViolations(root);
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('explains a setup that did not finish, without a retry that cannot help', async () => {
    const response = await h.routeFetch('/api/tollbooth/setup-intents', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: '{}',
    });
    const pending = (await response.json()) as { id: string; clientSecret: string };
    const before = location.href;
    history.replaceState(
      null,
      '',
      `?setup_intent=${pending.id}&setup_intent_client_secret=${pending.clientSecret}&redirect_status=failed`,
    );
    try {
      const screen = await render(
        <h.Provider>
          <PaymentMethodManager />
        </h.Provider>,
      );
      await expect.element(page.getByRole('alert')).toBeVisible();
      const root = screen.container.querySelector('.tb-payment-methods')!;
      expect(root.getAttribute('data-state')).toBe('error');
      expect(page.getByText('Card saved.').elements()).toHaveLength(0);
      await expectNoAxeViolations(root);
    } finally {
      history.replaceState(null, '', before);
    }
  });
});
