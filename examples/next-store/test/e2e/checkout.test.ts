import { describe, expect, it } from 'vitest';
import { eventually, orderBook } from '../helpers';
import { fillCard, setupBrowser } from './browser';

const browser = setupBrowser();

describe('Stripe Checkout (CheckoutButton and the return page)', () => {
  it('goes to hosted Checkout, pays, returns to a paid status, and is fulfilled once by the webhook', async () => {
    const page = await browser.page('alice');
    await page.goto('/');
    await page.getByRole('button', { name: 'Buy the jacket with Checkout' }).click();
    await page.waitForURL(/\/_simulator\/checkout\/cs_/);
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(/\/return\?session_id=cs_/);
    const sessionId = new URL(page.url()).searchParams.get('session_id');
    await page.getByText(/^Payment received: .+\. Thank you!$/).waitFor();

    const book = await eventually(async () => {
      const b = await orderBook();
      return b.orders.some((o) => o.checkoutSession === sessionId) && b;
    });
    const orders = book.orders.filter((o) => o.checkoutSession === sessionId);
    expect(orders).toHaveLength(1);
    expect(orders[0]!.amount).toBe(12000);
    expect(book.fulfilments.filter((f) => f.orderId === orders[0]!.id)).toHaveLength(1);
  });

  it('pays in the embedded Checkout on the express page', async () => {
    const page = await browser.page('bob');
    await page.goto('/checkout');
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.waitForURL(/\/return\?session_id=cs_/);
    await page.getByText(/^Payment received: .+\. Thank you!$/).waitFor();
  });
});
