import { describe, expect, it } from 'vitest';
import { paidOrder, simulatorStripe } from '../helpers';
import { setupBrowser } from './browser';

const browser = setupBrowser();

describe('the staff page (RefundForm)', () => {
  it('refuses a customer', async () => {
    const page = await browser.page('alice');
    await page.goto('/staff');
    await page.getByTestId('staff-refused').waitFor();
    expect(await page.getByRole('list', { name: 'Paid orders' }).count()).toBe(0);
  });

  it('lets support refund 20.00 but not 80.00, and an admin refund 80.00', async () => {
    const intent = await paidOrder([{ price: 'jacket', quantity: 1 }]); // 120.00

    const support = await browser.page('sam');
    await support.goto('/staff');
    let row = support.locator(`[data-order="${intent}"]`);
    await row.getByLabel(/Amount to refund/).fill('20.00');
    await row.getByRole('button', { name: 'Refund' }).click();
    await row.getByText(/Refunded \$20\.00/).waitFor();

    await support.reload();
    row = support.locator(`[data-order="${intent}"]`);
    await row.getByLabel(/Amount to refund/).fill('80.00');
    await row.getByRole('button', { name: 'Refund' }).click();
    await row.getByText('You do not have permission to do this.').waitFor();

    const admin = await browser.page('ada');
    await admin.goto('/staff');
    row = admin.locator(`[data-order="${intent}"]`);
    await row.getByLabel(/Amount to refund/).fill('80.00');
    await row.getByRole('button', { name: 'Refund' }).click();
    await row.getByText(/Refunded \$80\.00/).waitFor();

    const refunds = await simulatorStripe().refunds.list({ payment_intent: intent });
    expect(refunds.data.map((r) => r.amount).sort((a, b) => a - b)).toEqual([2000, 8000]);
  });
});
