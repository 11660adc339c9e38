import type { Stripe } from '@stripe/stripe-js';
import { afterEach, describe, expect, expectTypeOf, test } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import { IntegrationError } from '../../src/stripe-js';
import { fillCard, standIn } from './helpers';

const mountNode = () => {
  const node = document.createElement('div');
  document.body.appendChild(node);
  return node;
};

afterEach(() => {
  document.body.replaceChildren();
});

describe('the stand-in without React', () => {
  test('passes @stripe/react-stripe-js’s isStripe check and rejects secret keys', () => {
    const stripe = standIn();
    expectTypeOf(stripe).toExtend<Stripe>();
    for (const method of ['elements', 'createToken', 'createPaymentMethod', 'confirmCardPayment'] as const) {
      expect(typeof stripe[method]).toBe('function');
    }
    expect(() => standIn({ publishableKey: 'sk_test_123' })).toThrow(/secret key/);
    expect(() => stripe.confirmAlipayPayment('pi_1_secret_2')).toThrow(IntegrationError);
  });

  test('is SSR-safe: importing, creating and server-rendering it in Node touch no DOM', async () => {
    const { html, hasWindow } = await commands.serverRender();
    expect(hasWindow).toBe(false);
    expect(html).toBe('<div id="payment"></div>');
  });

  test('retrievePaymentIntent reads the simulator’s intent with the client secret', async () => {
    const { id, clientSecret } = await commands.createPaymentIntent(4200, 'eur');
    const result = await standIn().retrievePaymentIntent(clientSecret);
    expect(result.paymentIntent).toMatchObject({
      id,
      amount: 4200,
      currency: 'eur',
      status: 'requires_payment_method',
    });
    const wrong = await standIn().retrievePaymentIntent(`${id}_secret_wrong`);
    expect(wrong.error?.type).toBe('invalid_request_error');
  });

  test('fits a phone-width container: the expiry/CVC row shrinks instead of overflowing', async () => {
    const elements = standIn().elements({ mode: 'payment', amount: 1500, currency: 'usd' });
    const element = elements.create('payment');
    const ready = new Promise((resolve) => element.on('ready', resolve));
    const node = mountNode();
    // 390 px phone minus page and card padding.
    node.style.width = '260px';
    element.mount(node);
    await ready;
    const right = node.getBoundingClientRect().right;
    const inputs = [...node.querySelectorAll('input')];
    expect(inputs.length).toBeGreaterThan(1);
    for (const input of inputs) expect(input.getBoundingClientRect().right).toBeLessThanOrEqual(right + 0.5);
    expect(node.scrollWidth).toBeLessThanOrEqual(node.clientWidth);
  });

  test('emits ready and change events; elements.submit() validates like Stripe.js', async () => {
    const elements = standIn().elements({ mode: 'payment', amount: 1500, currency: 'usd' });
    const element = elements.create('payment');
    const events: { complete: boolean; empty: boolean }[] = [];
    const ready = new Promise((resolve) => element.on('ready', resolve));
    element.on('change', (event) => events.push({ complete: event.complete, empty: event.empty }));
    element.mount(mountNode());
    await ready;
    expect(await elements.submit()).toMatchObject({
      error: { type: 'validation_error', code: 'incomplete_number' },
    });
    await fillCard('4242424242424242');
    expect(events.at(-1)).toEqual({ complete: true, empty: false });
    expect(await elements.submit()).toEqual({ selectedPaymentMethod: 'card' });
    expect(() => elements.create('payment')).toThrow(/one Element of type payment/);
  });

  test('a deferred intent must be submitted before confirming, as in Stripe.js', async () => {
    const stripe = standIn();
    const { id, clientSecret } = await commands.createPaymentIntent(1500, 'usd');
    const elements = stripe.elements({ mode: 'payment', amount: 1500, currency: 'usd' });
    elements.create('payment').mount(mountNode());
    await fillCard('4242424242424242');
    await expect(stripe.confirmPayment({ elements, clientSecret, redirect: 'if_required' })).rejects.toThrow(
      /elements.submit\(\) must be called/,
    );
    await elements.submit();
    const result = await stripe.confirmPayment({ elements, clientSecret, redirect: 'if_required' });
    expect(result.paymentIntent).toMatchObject({ id, status: 'succeeded' });
  });

  test('a client secret the simulator does not know fires loaderror instead of ready', async () => {
    const elements = standIn().elements({ clientSecret: 'pi_unknown_secret_nope' });
    const element = elements.create('payment');
    const failed = new Promise<{ error: { type: string } }>((resolve) =>
      element.on('loaderror', resolve as never),
    );
    element.mount(mountNode());
    expect((await failed).error.type).toBe('invalid_request_error');
  });

  test('appearance variables become CSS custom properties, and elements.update() changes them', async () => {
    const elements = standIn().elements({
      appearance: { theme: 'night', variables: { colorPrimary: '#ff0066' } },
    });
    elements.create('payment').mount(mountNode());
    const root = document.querySelector<HTMLElement>('[data-stripe-stand-in="payment"]')!;
    expect(root.style.getPropertyValue('--tb-stripe-color-primary')).toBe('#ff0066');
    expect(root.dataset.theme).toBe('night');
    await elements.update({ appearance: { variables: { colorPrimary: '#00aa00', borderRadius: '0px' } } });
    expect(root.style.getPropertyValue('--tb-stripe-color-primary')).toBe('#00aa00');
    expect(root.style.getPropertyValue('--tb-stripe-border-radius')).toBe('0px');
  });

  test('confirmCardPayment with a card Element and with a saved payment method', async () => {
    const stripe = standIn();
    const first = await commands.createPaymentIntent(1500, 'usd');
    const card = stripe.elements().create('card');
    card.mount(mountNode());
    await fillCard('4242424242424242');
    const paid = await stripe.confirmCardPayment(first.clientSecret, { payment_method: { card } });
    expect(paid.paymentIntent?.status).toBe('succeeded');
    const second = await commands.createPaymentIntent(900, 'usd');
    const declined = await stripe.confirmCardPayment(second.clientSecret, {
      payment_method: 'pm_card_chargeDeclined',
    });
    expect(declined.error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
    expect(declined.error?.payment_intent?.id).toBe(second.id);
  });

  test('createPaymentMethod turns the Payment Element into a card PaymentMethod', async () => {
    const stripe = standIn();
    const elements = stripe.elements({ mode: 'setup', currency: 'usd' });
    elements.create('payment').mount(mountNode());
    await fillCard('5555555555554444', { postalCode: '10001' });
    await expect(stripe.createPaymentMethod({ elements })).rejects.toThrow(
      /elements.submit\(\) must be called/,
    );
    await elements.submit();
    const { paymentMethod, error } = await stripe.createPaymentMethod({ elements });
    expect(error).toBeUndefined();
    expect(paymentMethod).toMatchObject({
      id: expect.stringMatching(/^pm_/),
      type: 'card',
      card: { brand: 'mastercard', last4: '4444' },
      billing_details: { address: { postal_code: '10001' } },
    });
  });

  test('confirmCardPayment with handleActions: false leaves the challenge to handleNextAction', async () => {
    const stripe = standIn();
    const { id, clientSecret } = await commands.createPaymentIntent(1500, 'usd');
    const pending = await stripe.confirmCardPayment(
      clientSecret,
      { payment_method: 'pm_card_authenticationRequired' },
      { handleActions: false },
    );
    expect(pending.paymentIntent?.status).toBe('requires_action');
    const handled = stripe.handleNextAction({ clientSecret });
    await page
      .getByRole('dialog', { name: '3D Secure authentication' })
      .getByRole('button', { name: 'Complete' })
      .click();
    expect((await handled).paymentIntent).toMatchObject({ id, status: 'succeeded' });
  });

  test('createToken answers with an error instead of throwing', async () => {
    const card = standIn().elements().create('card');
    const result = await standIn().createToken(card);
    expect(result.error?.code).toBe('stand_in_unsupported');
  });

  test('the challenge dialog fails on Escape, like cancelling a real one', async () => {
    const stripe = standIn();
    const { clientSecret } = await commands.createPaymentIntent(1500, 'usd');
    const elements = stripe.elements({ clientSecret });
    elements.create('payment').mount(mountNode());
    await fillCard('4000002500003155');
    const result = stripe.confirmPayment({ elements, redirect: 'if_required' });
    const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
    await expect.element(dialog.getByRole('button', { name: 'Complete' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect((await result).error?.code).toBe('payment_intent_authentication_failure');
  });
});
