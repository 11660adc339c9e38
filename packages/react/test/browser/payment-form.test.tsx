import type { PaymentIntent } from '@stripe/stripe-js';
import { StrictMode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { PaymentForm, type Problem } from '../../src/index';
import { createHarness, type Harness } from './harness';
import { expectNoAxeViolations, fillCard } from './utils';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});

async function renderForm(
  extra: { onSuccess?: (pi: PaymentIntent) => void; onError?: (p: Problem) => void } = {},
) {
  const screen = await render(
    <StrictMode>
      <h.Provider>
        <PaymentForm items={[{ price: 'basic', quantity: 2 }]} className="checkout" {...extra} />
      </h.Provider>
    </StrictMode>,
  );
  const root = screen.container.querySelector('.tb-payment-form')!;
  await expect.element(page.getByRole('button', { name: 'Pay $30.00' })).toBeEnabled();
  return { screen, root };
}

describe('<PaymentForm> in Chromium, against the real server and the simulator', () => {
  it('pays with 4242 and reports success, with one PaymentIntent under StrictMode', async () => {
    const succeeded: PaymentIntent[] = [];
    const { root } = await renderForm({ onSuccess: (pi) => succeeded.push(pi) });
    expect(root.getAttribute('data-state')).toBe('idle');
    expect(root.classList.contains('checkout')).toBe(true);
    await expectNoAxeViolations(root);

    await fillCard('4242424242424242');
    await page.getByRole('button', { name: 'Pay $30.00' }).click();
    await expect
      .element(page.getByRole('status').filter({ hasText: 'Payment received. Thank you!' }))
      .toBeVisible();
    expect(root.getAttribute('data-state')).toBe('succeeded');
    expect(succeeded.map((pi) => [pi.status, pi.amount, pi.currency])).toEqual([['succeeded', 3000, 'usd']]);
    // StrictMode runs effects twice: still exactly one PaymentIntent, created once through the route.
    expect(h.stripeCalls('POST', '/v1/payment_intents')).toBe(1);
    expect(h.calls.filter((c) => c === 'POST /payment-intents')).toHaveLength(1);
    await expectNoAxeViolations(root);
  });

  it('shows a friendly decline for 4000000000000002, then accepts another card on the same PaymentIntent', async () => {
    const errors: Problem[] = [];
    const { root } = await renderForm({ onError: (p) => errors.push(p) });
    await fillCard('4000000000000002');
    await page.getByRole('button', { name: 'Pay $30.00' }).click();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('Your card was declined. Try another card.');
    expect(root.getAttribute('data-state')).toBe('error');
    expect(errors.map((e) => e.code)).toEqual(['card_declined']);
    await expectNoAxeViolations(root);

    await fillCard('4242424242424242');
    await page.getByRole('button', { name: 'Pay $30.00' }).click();
    await expect.element(page.getByText('Payment received. Thank you!')).toBeVisible();
    expect(h.stripeCalls('POST', '/v1/payment_intents')).toBe(1);
  });

  it('names insufficient funds by its decline code', async () => {
    await renderForm();
    await fillCard('4000000000009995');
    await page.getByRole('button', { name: 'Pay $30.00' }).click();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('Your card has insufficient funds. Try another card.');
  });

  it('runs the 3-D Secure challenge through Stripe.js and succeeds when it is completed', async () => {
    const { root } = await renderForm();
    await fillCard('4000002500003155');
    await page.getByRole('button', { name: 'Pay $30.00' }).click();
    const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
    await expect.element(dialog).toBeVisible();
    expect(root.getAttribute('data-state')).toBe('processing');
    await dialog.getByRole('button', { name: 'Complete' }).click();
    await expect.element(page.getByText('Payment received. Thank you!')).toBeVisible();
    expect(root.getAttribute('data-state')).toBe('succeeded');
  });

  it('explains a failed 3-D Secure challenge', async () => {
    await renderForm();
    await fillCard('4000002500003155');
    await page.getByRole('button', { name: 'Pay $30.00' }).click();
    await page
      .getByRole('dialog', { name: '3D Secure authentication' })
      .getByRole('button', { name: 'Fail' })
      .click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('We could not authenticate your card.');
  });

  it('confirms once when Pay is double-clicked', async () => {
    await renderForm();
    await fillCard('4242424242424242');
    await userEvent.dblClick(page.getByRole('button', { name: 'Pay $30.00' }));
    await expect.element(page.getByText('Payment received. Thank you!')).toBeVisible();
    const confirms = h.sim.requests.filter(
      (r) => r.method === 'POST' && /^\/v1\/payment_intents\/[^/]+\/confirm$/.test(r.path),
    );
    expect(confirms).toHaveLength(1);
    expect(h.stripeCalls('POST', '/v1/payment_intents')).toBe(1);
  });

  it('shows the forbidden state (role=alert, no retry) when the server refuses', async () => {
    h.state.user = { id: 'u_2', roles: ['viewer'] };
    const screen = await render(
      <h.Provider>
        <PaymentForm items={[{ price: 'basic', quantity: 1 }]} />
      </h.Provider>,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent('You do not have permission to do this.');
    const root = screen.container.querySelector('.tb-payment-form')!;
    expect(root.getAttribute('data-state')).toBe('error');
    expect(page.getByRole('button', { name: 'Try again' }).elements()).toHaveLength(0);
    expect(h.stripeCalls('POST', '/v1/payment_intents')).toBe(0);
    await expectNoAxeViolations(root);
  });
});

describe('<PaymentForm> coming back from a redirect', () => {
  it('reads payment_intent_client_secret from the URL and shows the outcome without a new PaymentIntent', async () => {
    const paid = await h.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const before = location.href;
    history.replaceState(
      null,
      '',
      `?payment_intent=${paid.id}&payment_intent_client_secret=${paid.client_secret}`,
    );
    try {
      const succeeded: PaymentIntent[] = [];
      const screen = await render(
        <h.Provider>
          <PaymentForm items={[{ price: 'basic', quantity: 1 }]} onSuccess={(pi) => succeeded.push(pi)} />
        </h.Provider>,
      );
      await expect.element(page.getByText('Payment received. Thank you!')).toBeVisible();
      expect(screen.container.querySelector('.tb-payment-form')!.getAttribute('data-state')).toBe(
        'succeeded',
      );
      expect(succeeded.map((pi) => pi.id)).toEqual([paid.id]);
      expect(h.calls).toEqual([]);
    } finally {
      history.replaceState(null, '', before);
    }
  });
});

describe('<PaymentForm> after sign-in and when Stripe.js is blocked', () => {
  it('leaves "Please sign in" for the card form once the page regains focus after signing in', async () => {
    h.state.user = null;
    await render(
      <h.Provider>
        <PaymentForm items={[{ price: 'basic', quantity: 1 }]} />
      </h.Provider>,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent('Please sign in to continue.');
    // Signed in elsewhere (another tab, a pop-up): coming back to the page loads the form.
    h.state.user = { id: 'u_1', email: 'ada@example.com', roles: ['customer'] };
    window.dispatchEvent(new Event('focus'));
    await expect.element(page.getByRole('button', { name: 'Pay $15.00' })).toBeEnabled();
    expect(page.getByRole('alert').elements()).toHaveLength(0);
  });

  it('loads again at once when the provider’s userId changes (sign-in without a page load)', async () => {
    h.state.user = null;
    const screen = await render(
      <h.Provider userId={null}>
        <PaymentForm items={[{ price: 'basic', quantity: 1 }]} />
      </h.Provider>,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent('Please sign in to continue.');
    h.state.user = { id: 'u_1', email: 'ada@example.com', roles: ['customer'] };
    await screen.rerender(
      <h.Provider userId="u_1">
        <PaymentForm items={[{ price: 'basic', quantity: 1 }]} />
      </h.Provider>,
    );
    await expect.element(page.getByRole('button', { name: 'Pay $15.00' })).toBeEnabled();
  });

  it('says Stripe.js could not load, without blaming the server, and loads on retry', async () => {
    // A thenable that fails once (a blocker, a dropped connection), then gives the stand-in.
    let attempts = 0;
    const flaky = {
      // biome-ignore lint/suspicious/noThenProperty: a PromiseLike, as loadStripe's result is.
      then: (ok: (s: unknown) => unknown, fail: (e: unknown) => unknown) =>
        attempts++ === 0 ? fail(new Error('Failed to load Stripe.js')) : ok(h.stripeJs),
    };
    await render(
      <h.Provider stripe={flaky as never}>
        <PaymentForm items={[{ price: 'basic', quantity: 1 }]} />
      </h.Provider>,
    );
    const alert = page.getByRole('alert');
    await expect
      .element(alert)
      .toHaveTextContent('The payment form could not load. Check your connection, then try again.');
    expect(alert.element().textContent).not.toMatch(/our side/);
    await expectNoAxeViolations(document.body);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.element(page.getByRole('button', { name: 'Pay $15.00' })).toBeEnabled();
  });

  it('moves focus into the card field when it appears with autoFocus (a form opened by a click)', async () => {
    await render(
      <h.Provider>
        <PaymentForm items={[{ price: 'basic', quantity: 1 }]} autoFocus />
      </h.Provider>,
    );
    await expect.element(page.getByRole('button', { name: 'Pay $15.00' })).toBeEnabled();
    await expect
      .poll(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id)
      .toMatch(/card|number/i);
  });
});
