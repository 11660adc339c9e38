import { EmbeddedCheckout, EmbeddedCheckoutProvider } from '@stripe/react-stripe-js';
import axe from 'axe-core';
import { useState } from 'react';
import { describe, expect, test } from 'vitest';
import { commands, page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { fillCard, standIn } from './helpers';

function EmbeddedPage({ clientSecret }: { clientSecret: string }) {
  const [done, setDone] = useState(false);
  // Created once, as an app does at module scope: the provider rejects a changing stripe or onComplete.
  const [stripe] = useState(() => standIn());
  const [options] = useState(() => ({ clientSecret, onComplete: () => setDone(true) }));
  return (
    <>
      <EmbeddedCheckoutProvider stripe={stripe} options={options}>
        <EmbeddedCheckout />
      </EmbeddedCheckoutProvider>
      <output aria-label="Completed">{done ? 'yes' : 'no'}</output>
    </>
  );
}

describe('Embedded Checkout through <EmbeddedCheckoutProvider>', () => {
  test('shows the session’s items, pays with a test card and calls onComplete', async () => {
    const { id, clientSecret } = await commands.createEmbeddedCheckoutSession('price_basic');
    const screen = await render(<EmbeddedPage clientSecret={clientSecret} />);
    const summary = page.getByRole('list', { name: 'Order summary' });
    await expect.element(summary).toHaveTextContent('Basic plan × 2');
    await expect.element(summary).toHaveTextContent('$30.00');
    expect((await axe.run(screen.container)).violations.map((v) => v.id)).toEqual([]);
    await fillCard('4242424242424242');
    await page.getByRole('button', { name: 'Pay $30.00' }).click();
    await expect.element(page.getByRole('status', { name: 'Completed' })).toHaveTextContent('yes');
    expect(await commands.retrieveCheckoutSession(id)).toEqual({ status: 'complete', paymentStatus: 'paid' });
  });

  test('a declined card shows the decline and leaves the session open', async () => {
    const { id, clientSecret } = await commands.createEmbeddedCheckoutSession('price_basic');
    await render(<EmbeddedPage clientSecret={clientSecret} />);
    await fillCard('4000000000000002');
    await page.getByRole('button', { name: /^Pay/ }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('Your card was declined.');
    await expect.element(page.getByRole('status', { name: 'Completed' })).toHaveTextContent('no');
    expect(await commands.retrieveCheckoutSession(id)).toMatchObject({ status: 'open' });
  });

  test('with fetchClientSecret and no onComplete it follows the session’s return URL', async () => {
    const { id, clientSecret } = await commands.createEmbeddedCheckoutSession('price_basic');
    const visited: string[] = [];
    const stripe = standIn({ navigate: (url) => visited.push(url) });
    const checkout = await stripe.createEmbeddedCheckoutPage({ fetchClientSecret: async () => clientSecret });
    const node = document.createElement('div');
    document.body.appendChild(node);
    checkout.mount(node);
    await expect(stripe.createEmbeddedCheckoutPage({ clientSecret })).rejects.toThrow(
      /multiple Embedded Checkout/,
    );
    await fillCard('4242424242424242');
    await page.getByRole('button', { name: /^Pay/ }).click();
    await expect.poll(() => visited).toEqual([`http://localhost/return?session_id=${id}`]);
    checkout.destroy();
    node.remove();
  });
});
