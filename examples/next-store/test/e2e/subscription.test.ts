import { describe, expect, it } from 'vitest';
import { eventually, orderBook, signIn, tollbooth } from '../helpers';
import { fillCard, setupBrowser, waitForText } from './browser';

const browser = setupBrowser();

async function cardsOf(login: 'bob'): Promise<Array<{ card: { last4: string } | null }>> {
  const res = await tollbooth('/payment-methods', { cookie: await signIn(login) });
  return ((await res.json()) as { data: Array<{ card: { last4: string } | null }> }).data;
}

describe('a subscription, end to end (SubscriptionList, InvoiceList, CustomerPortalButton)', () => {
  it('subscribes on Checkout, then cancels, resumes, sees the invoice and opens the portal', async () => {
    const page = await browser.page('bob');
    // Bob saves a Visa first; Checkout then offers it, and paying with it saves no second copy.
    await page.goto('/account');
    const manager = page.locator('.tb-payment-methods');
    await manager.getByRole('button', { name: 'Add a card' }).click();
    await fillCard(page, '4242 4242 4242 4242');
    await manager.getByRole('button', { name: 'Save card' }).click();
    await manager.getByText('Card saved.').waitFor();
    const visas = async () => (await cardsOf('bob')).filter((m) => m.card?.last4 === '4242').length;
    const before = await visas();

    await page.goto('/');
    await page.getByRole('button', { name: 'Join the coffee club' }).click();
    await page.waitForURL(/\/_simulator\/checkout\/cs_/);
    await page
      .getByRole('radio', { name: /^Visa ending in 4242/ })
      .first()
      .check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(/\/return\?session_id=cs_/);
    const sessionId = new URL(page.url()).searchParams.get('session_id');
    await page.getByText(/^Thank you! We received your payment of \$[\d.,]+\.$/).waitFor();
    expect(
      await waitForText(page.getByRole('list', { name: 'Your order' }).getByRole('listitem').first()),
    ).toMatch(/^1 × Coffee club\$[\d.,]+ \/ month$/);
    expect(await visas()).toBe(before);
    await eventually(async () => (await orderBook()).orders.some((o) => o.checkoutSession === sessionId));

    await page.goto('/account');
    const subscriptions = page.locator('.tb-subscriptions');
    await subscriptions.getByRole('button', { name: 'Cancel subscription' }).click();
    await subscriptions.getByRole('button', { name: 'Yes, cancel' }).click();
    await subscriptions.getByText(/Your subscription will end on/).waitFor();
    await subscriptions.getByRole('button', { name: 'Resume subscription' }).click();
    await subscriptions.getByText('Your subscription was resumed.').waitFor();

    const res = await tollbooth('/subscriptions', { cookie: await signIn('bob') });
    const { data } = (await res.json()) as { data: Array<{ price: string; cancelAtPeriodEnd: boolean }> };
    expect(data.filter((s) => s.price === 'club').map((s) => s.cancelAtPeriodEnd)).toContain(false);

    await page
      .locator('.tb-invoices')
      .getByRole('link', { name: /View invoice/ })
      .first()
      .waitFor();

    await page.getByRole('button', { name: 'Manage billing' }).click();
    await page.waitForURL(/\/_simulator\/portal\//);
    await page.getByRole('link', { name: 'Return to the store' }).click();
    await page.waitForURL(/\/account$/);
  });
});
