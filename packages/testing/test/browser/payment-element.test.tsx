import axe from 'axe-core';
import { describe, expect, test } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { Checkout, fillCard, futureExpiry, standIn } from './helpers';

const outcome = () => page.getByRole('status', { name: 'Outcome' });

describe('Payment Element inside <Elements>', () => {
  test('renders labelled card inputs with autocomplete hints and no axe violations', async () => {
    const { clientSecret } = await commands.createPaymentIntent(1500, 'usd');
    const screen = await render(<Checkout stripe={standIn()} options={{ clientSecret }} />);
    const number = page.getByLabelText('Card number');
    await expect.element(number).toHaveAttribute('autocomplete', 'cc-number');
    await expect.element(page.getByLabelText(/Expiration date/)).toHaveAttribute('autocomplete', 'cc-exp');
    await expect.element(page.getByLabelText(/Security code/)).toHaveAttribute('autocomplete', 'cc-csc');
    await expect.element(page.getByLabelText('Postal code')).toHaveAttribute('autocomplete', 'postal-code');
    const results = await axe.run(screen.container);
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  test('formats the card number and expiry as the user types', async () => {
    const { clientSecret } = await commands.createPaymentIntent(1500, 'usd');
    await render(<Checkout stripe={standIn()} options={{ clientSecret }} />);
    await userEvent.type(page.getByLabelText('Card number'), '4242424242424242');
    await expect.element(page.getByLabelText('Card number')).toHaveValue('4242 4242 4242 4242');
    await userEvent.type(page.getByLabelText(/Expiration date/), futureExpiry());
    await expect
      .element(page.getByLabelText(/Expiration date/))
      .toHaveValue(`12 / ${futureExpiry().slice(2)}`);
  });

  test('4242 4242 4242 4242 pays: the simulator’s PaymentIntent is succeeded', async () => {
    const { id, clientSecret } = await commands.createPaymentIntent(1500, 'usd');
    await render(<Checkout stripe={standIn()} options={{ clientSecret }} />);
    await fillCard('4242424242424242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect.element(outcome()).toHaveTextContent('paymentIntent succeeded');
    expect(await commands.retrievePaymentIntent(id)).toMatchObject({ status: 'succeeded' });
  });

  test('4000 0000 0000 0002 is declined with Stripe.js’s card_error', async () => {
    const { id, clientSecret } = await commands.createPaymentIntent(1500, 'usd');
    await render(<Checkout stripe={standIn()} options={{ clientSecret }} />);
    await fillCard('4000000000000002');
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect
      .element(outcome())
      .toHaveTextContent('error card_error card_declined: Your card was declined.');
    expect(await commands.retrievePaymentIntent(id)).toMatchObject({
      status: 'requires_payment_method',
      lastErrorCode: 'card_declined',
    });
  });

  test('an incomplete card shows inline messages and never reaches the simulator', async () => {
    const { id, clientSecret } = await commands.createPaymentIntent(1500, 'usd');
    await render(<Checkout stripe={standIn()} options={{ clientSecret }} />);
    await page.getByLabelText('Card number').fill('4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect.element(outcome()).toHaveTextContent('error validation_error incomplete_number');
    await expect.element(page.getByLabelText('Card number')).toHaveAttribute('aria-invalid', 'true');
    await expect
      .element(page.getByLabelText('Card number'))
      .toHaveAccessibleDescription('Your card number is incomplete.');
    await expect.element(page.getByLabelText('Card number')).toHaveFocus();
    expect(await commands.retrievePaymentIntent(id)).toMatchObject({ status: 'requires_payment_method' });
  });

  test('a field shows its message when left invalid, and clears it once fixed', async () => {
    const { clientSecret } = await commands.createPaymentIntent(1500, 'usd');
    await render(<Checkout stripe={standIn()} options={{ clientSecret }} />);
    const number = page.getByLabelText('Card number');
    await number.fill('4242 4242 4242 4241');
    await userEvent.tab();
    await expect.element(number).toHaveAccessibleDescription('Your card number is invalid.');
    await number.fill('4242 4242 4242 4242');
    await expect.element(number).toHaveAttribute('aria-invalid', 'false');
    await expect.element(number).not.toHaveAccessibleDescription('Your card number is invalid.');
  });

  test('a 3-D Secure card shows the challenge; Complete → succeeded', async () => {
    const { id, clientSecret } = await commands.createPaymentIntent(2000, 'usd');
    await render(<Checkout stripe={standIn()} options={{ clientSecret }} />);
    await fillCard('4000002500003155');
    await page.getByRole('button', { name: 'Pay' }).click();
    const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog).toHaveAttribute('aria-modal', 'true');
    await expect.element(dialog).toHaveAccessibleDescription(/confirm this payment of \$20\.00\./);
    expect((await axe.run(dialog.element())).violations.map((v) => v.id)).toEqual([]);
    await dialog.getByRole('button', { name: 'Complete' }).click();
    await expect.element(outcome()).toHaveTextContent('paymentIntent succeeded');
    await expect.element(dialog).not.toBeInTheDocument();
    expect(await commands.retrievePaymentIntent(id)).toMatchObject({ status: 'succeeded' });
  });

  test('the challenge shows a zero-decimal amount (JPY) undivided, formatted for its currency', async () => {
    const { clientSecret } = await commands.createPaymentIntent(1500, 'jpy');
    await render(<Checkout stripe={standIn()} options={{ clientSecret }} />);
    await fillCard('4000002500003155');
    await page.getByRole('button', { name: 'Pay' }).click();
    const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
    await expect.element(dialog).toHaveAccessibleDescription(/confirm this payment of ¥1,500\./);
    await dialog.getByRole('button', { name: 'Complete' }).click();
    await expect.element(outcome()).toHaveTextContent('paymentIntent succeeded');
  });

  test('a 3-D Secure card; Fail → authentication error, intent needs a new payment method', async () => {
    const { id, clientSecret } = await commands.createPaymentIntent(2000, 'usd');
    await render(<Checkout stripe={standIn()} options={{ clientSecret }} />);
    await fillCard('4000002500003155');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page
      .getByRole('dialog', { name: '3D Secure authentication' })
      .getByRole('button', { name: 'Fail' })
      .click();
    await expect.element(outcome()).toHaveTextContent('payment_intent_authentication_failure');
    expect(await commands.retrievePaymentIntent(id)).toMatchObject({
      status: 'requires_payment_method',
      lastErrorCode: 'payment_intent_authentication_failure',
    });
  });

  test('redirect "always" follows return_url with the intent in the query, as Stripe.js does', async () => {
    const { id, clientSecret } = await commands.createPaymentIntent(1500, 'usd');
    const visited: string[] = [];
    await render(
      <Checkout
        stripe={standIn({ navigate: (url) => visited.push(url) })}
        options={{ clientSecret }}
        redirect="always"
      />,
    );
    await fillCard('4242424242424242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect.poll(() => visited.length).toBe(1);
    const url = new URL(visited[0] as string);
    expect(url.origin + url.pathname).toBe('http://localhost/done');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      payment_intent: id,
      payment_intent_client_secret: clientSecret,
      redirect_status: 'succeeded',
    });
  });
});

describe('confirmSetup', () => {
  test('attaches the card to the SetupIntent’s customer', async () => {
    const { clientSecret, customer } = await commands.createSetupIntent();
    await render(<Checkout stripe={standIn()} options={{ clientSecret }} mode="setup" />);
    await fillCard('4242424242424242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect.element(outcome()).toHaveTextContent(/setupIntent succeeded pm_/);
    const cards = await commands.listCards(customer);
    expect(cards).toEqual([expect.objectContaining({ last4: '4242' })]);
    expect(outcome().element().textContent).toContain(cards[0]?.id);
  });
});

describe('confirmSetup with 3-D Secure', () => {
  test('Complete saves the card; the challenge talks to the simulator for SetupIntents too', async () => {
    const { clientSecret, customer } = await commands.createSetupIntent();
    await render(<Checkout stripe={standIn()} options={{ clientSecret }} mode="setup" />);
    await fillCard('4000002760003184');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page
      .getByRole('dialog', { name: '3D Secure authentication' })
      .getByRole('button', { name: 'Complete' })
      .click();
    await expect.element(outcome()).toHaveTextContent(/setupIntent succeeded pm_/);
    expect(await commands.listCards(customer)).toEqual([expect.objectContaining({ last4: '3184' })]);
  });

  test('Fail leaves no card attached and reports setup_intent_authentication_failure', async () => {
    const { clientSecret, customer } = await commands.createSetupIntent();
    await render(<Checkout stripe={standIn()} options={{ clientSecret }} mode="setup" />);
    await fillCard('4000002760003184');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page
      .getByRole('dialog', { name: '3D Secure authentication' })
      .getByRole('button', { name: 'Fail' })
      .click();
    await expect.element(outcome()).toHaveTextContent('setup_intent_authentication_failure');
    expect(await commands.listCards(customer)).toEqual([]);
  });
});
