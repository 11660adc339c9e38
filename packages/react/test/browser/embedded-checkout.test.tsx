import { StrictMode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { EmbeddedCheckout, PaymentForm, TollboothProvider } from '../../src/index';
import { createHarness, type Harness } from './harness';
import { expectNoAxeViolations, fillCard } from './utils';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});

describe('<EmbeddedCheckout>', () => {
  it('creates one embedded session and pays it in the page', async () => {
    let completed = 0;
    const screen = await render(
      <StrictMode>
        <h.Provider>
          <EmbeddedCheckout items={[{ price: 'basic', quantity: 2 }]} onComplete={() => completed++} />
        </h.Provider>
      </StrictMode>,
    );
    await expect.element(page.getByRole('button', { name: 'Pay $30.00' })).toBeVisible();
    const root = screen.container.querySelector('.tb-embedded-checkout')!;
    expect(root.getAttribute('data-state')).toBe('idle');
    expect(h.stripeCalls('POST', '/v1/checkout/sessions')).toBe(1);
    const created = h.sim.requests.find((r) => r.path === '/v1/checkout/sessions')!;
    expect(created.params).toMatchObject({
      ui_mode: 'embedded_page',
      line_items: [{ price: 'price_basic', quantity: '2' }],
    });
    await expectNoAxeViolations(root);

    await fillCard('4242424242424242');
    await page.getByRole('button', { name: 'Pay $30.00' }).click();
    await expect.poll(() => completed).toBe(1);
  });

  it('asks for 3-D Secure with 4000 0027 6000 3184 and charges only once it is completed', async () => {
    let completed = 0;
    await render(
      <h.Provider locale="en-US">
        <EmbeddedCheckout items={[{ price: 'basic', quantity: 1 }]} onComplete={() => completed++} />
      </h.Provider>,
    );
    await fillCard('4000002760003184');
    await page.getByRole('button', { name: 'Pay $15.00' }).click();
    const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
    await expect.element(dialog).toBeVisible();
    expect(h.stripeCalls('POST', '/v1/payment_intents')).toBe(0);
    expect(completed).toBe(0);
    await dialog.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => completed).toBe(1);
  });

  it('fails the 3-D Secure challenge of 4000 0025 0000 3155, says so, and takes another card', async () => {
    let completed = 0;
    await render(
      <h.Provider locale="en-US">
        <EmbeddedCheckout items={[{ price: 'basic', quantity: 1 }]} onComplete={() => completed++} />
      </h.Provider>,
    );
    await fillCard('4000002500003155');
    await page.getByRole('button', { name: 'Pay $15.00' }).click();
    const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
    await dialog.getByRole('button', { name: 'Fail' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent(/failed authentication/);
    expect(completed).toBe(0);
    await fillCard('4242424242424242');
    await page.getByRole('button', { name: 'Pay $15.00' }).click();
    await expect.poll(() => completed).toBe(1);
  });

  it('says payments are not set up when the provider has no Stripe.js', async () => {
    await render(
      <TollboothProvider fetch={h.routeFetch}>
        <EmbeddedCheckout items={[{ price: 'basic', quantity: 1 }]} />
      </TollboothProvider>,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent('Payments are not set up on this page.');
  });

  it('treats an invalid `stripe` prop as not set up, without crashing the page', async () => {
    await render(
      <TollboothProvider fetch={h.routeFetch} stripe={{ not: 'stripe' } as never}>
        <PaymentForm items={[{ price: 'basic', quantity: 1 }]} />
      </TollboothProvider>,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent('Payments are not set up on this page.');
  });
});
