import { describe, expect, it } from 'vitest';
import { eventually, orderBook } from '../helpers';
import { fillCard, setupBrowser, waitForText } from './browser';

const browser = setupBrowser();

describe('Stripe Checkout (CheckoutButton and the return page)', () => {
  it('goes to hosted Checkout, pays, returns to a paid status, and is fulfilled once by the webhook', async () => {
    const page = await browser.page('alice');
    await page.goto('/');
    await page.getByRole('button', { name: 'Buy the jacket with Checkout' }).click();
    await page.waitForURL(/\/_simulator\/checkout\/cs_/);
    // A jacket is a parcel: Checkout asks where to send it.
    await page.getByLabel('Full name').fill('Alice Liddell');
    await page.getByLabel('Address').fill('7 Rabbit Hole Lane');
    await page.getByLabel('City').fill('Oxford');
    await page.getByLabel('Postal code').fill('OX1 1DP');
    await page.getByLabel('Country').selectOption('GB');
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(/\/return\?session_id=cs_/);
    const sessionId = new URL(page.url()).searchParams.get('session_id');
    await page.getByText(/^Thank you! We received your payment of \$[\d.,]+\.$/).waitFor();

    const book = await eventually(async () => {
      const b = await orderBook();
      return b.orders.some((o) => o.checkoutSession === sessionId) && b;
    });
    const orders = book.orders.filter((o) => o.checkoutSession === sessionId);
    expect(orders).toHaveLength(1);
    expect(orders[0]!.amount).toBe(12000);
    expect(book.fulfilments.filter((f) => f.orderId === orders[0]!.id)).toHaveLength(1);

    // The shopper sees what they bought, what it cost, where the receipt goes and where it ships.
    const order = page.getByRole('list', { name: 'Your order' });
    expect(await waitForText(order.getByRole('listitem').first())).toBe('1 × Field jacket$120.00');
    expect(await order.getByRole('listitem').last().textContent()).toBe('Total$120.00');
    await page.getByText('A receipt is on its way to alice@example.com.').waitFor();
    await page.getByText('Shipping to Alice Liddell, 7 Rabbit Hole Lane, Oxford, OX1 1DP, GB.').waitFor();
    // …and the order is in their history.
    await page.goto('/account');
    expect(await waitForText(page.getByTestId('my-order').first())).toMatch(
      /1 × Field jacket.*\$120\.00.*Paid/,
    );
  });

  it('answers a made-up or someone else’s session id with a clear not-found, not a thank-you', async () => {
    const page = await browser.page('alice');
    await page.goto('/return?session_id=cs_made_up_123');
    await page.locator('.tb-alert').filter({ hasText: 'We could not find this order' }).waitFor();
    expect(await page.getByText(/Thank you/).count()).toBe(0);
    const guest = await browser.page();
    await guest.goto('/return?session_id=cs_made_up_123');
    await guest.locator('.tb-alert').filter({ hasText: 'We could not find this order' }).waitFor();
    expect(await guest.getByText(/Thank you/).count()).toBe(0);
  });

  it('asks a guest to sign in before subscribing to the coffee club', async () => {
    const page = await browser.page();
    await page.goto('/');
    await page.getByRole('button', { name: 'Join the coffee club' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /sign in .* to subscribe/i })
      .waitFor();
    expect(page.url()).not.toMatch(/_simulator/);
  });

  it('pays in the embedded Checkout on the express page', async () => {
    const page = await browser.page('bob');
    await page.goto('/checkout');
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.waitForURL(/\/return\?session_id=cs_/);
    await page.getByText(/^Thank you! We received your payment of \$[\d.,]+\.$/).waitFor();
  });
});
