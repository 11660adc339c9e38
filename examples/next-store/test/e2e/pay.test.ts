import { describe, expect, it } from 'vitest';
import { eventually, orderBook, simulatorStripe } from '../helpers';
import { fillCard, setupBrowser, waitForText } from './browser';

const browser = setupBrowser();

/** Opens the cart with one mug, continues to payment and returns the PaymentIntent id the server created. */
async function openPayment(page: Awaited<ReturnType<typeof browser.page>>): Promise<string> {
  await page.goto('/pay');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/tollbooth/payment-intents'));
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  const response = await created;
  expect(response.status()).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

describe('paying on the pay page (PaymentForm)', () => {
  it('a guest pays with 4242: success, then the webhook fulfils the order once', async () => {
    const page = await browser.page();
    const intent = await openPayment(page);
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay \$18\.00$/ }).click();
    // Success or an alert, whichever comes: a refusal fails here with its words instead of a 60 s timeout.
    const outcome = page.getByTestId('payment-success').or(page.locator('.tb-payment-form [role="alert"]'));
    expect(await waitForText(outcome.first())).toContain('Paid $18.00 for 1 × Enamel mug.');

    const book = await eventually(async () => {
      const b = await orderBook();
      return b.orders.some((o) => o.id === intent) && b;
    });
    expect(book.orders.find((o) => o.id === intent)?.amount).toBe(1800);
    expect(book.fulfilments.filter((f) => f.orderId === intent)).toHaveLength(1);
  });

  it('a declined card (4000 0000 0000 0002) shows the decline and creates no order', async () => {
    const page = await browser.page();
    const intent = await openPayment(page);
    await fillCard(page, '4000 0000 0000 0002');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /declined/i })
      .waitFor();
    expect(await page.getByTestId('payment-success').count()).toBe(0);
    expect((await simulatorStripe().paymentIntents.retrieve(intent)).status).not.toBe('succeeded');
    expect((await orderBook()).orders.some((o) => o.id === intent)).toBe(false);
  });

  it('3-D Secure: completing the challenge pays', async () => {
    const page = await browser.page();
    const intent = await openPayment(page);
    await fillCard(page, '4000 0025 0000 3155');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Complete' }).click();
    expect(await waitForText(page.getByTestId('payment-success'))).toContain('Thank you for your order!');
    await eventually(async () => (await orderBook()).orders.some((o) => o.id === intent));
  });

  it('on a phone, "Continue to payment" moves focus (and the view) to the card form', async () => {
    const page = await browser.page();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/pay');
    const button = page.getByRole('button', { name: 'Continue to payment' });
    await button.focus();
    await page.keyboard.press('Enter');
    const card = page.getByLabel('Card number');
    await card.waitFor();
    await expect.poll(() => card.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await card.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 844).toBe(true);
  });

  it('3-D Secure: failing the challenge shows a message and no order', async () => {
    const page = await browser.page();
    const intent = await openPayment(page);
    await fillCard(page, '4000 0025 0000 3155');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Fail' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /authenticat/i })
      .waitFor();
    expect((await simulatorStripe().paymentIntents.retrieve(intent)).status).toBe('requires_payment_method');
    expect((await orderBook()).orders.some((o) => o.id === intent)).toBe(false);
  });
});
