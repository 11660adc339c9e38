import { describe, expect, it } from 'vitest';
import { eventually, orderBook, signIn, tollbooth } from '../helpers';
import { setupBrowser } from './browser';

const browser = setupBrowser();

describe('a subscription, end to end (SubscriptionList, InvoiceList, CustomerPortalButton)', () => {
  it('subscribes on Checkout, then cancels, resumes, sees the invoice and opens the portal', async () => {
    const page = await browser.page('bob');
    await page.goto('/');
    await page.getByRole('button', { name: 'Join the coffee club' }).click();
    await page.waitForURL(/\/_simulator\/checkout\/cs_/);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(/\/return\?session_id=cs_/);
    const sessionId = new URL(page.url()).searchParams.get('session_id');
    await page.getByText(/^Thank you! We received your payment of \$[\d.,]+\.$/).waitFor();
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
