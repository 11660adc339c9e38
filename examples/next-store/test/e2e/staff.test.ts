import { describe, expect, it } from 'vitest';
import { paidOrder, simulatorStripe } from '../helpers';
import { setupBrowser } from './browser';

const browser = setupBrowser();

describe('the staff page (RefundForm)', () => {
  it('refuses a customer', async () => {
    const page = await browser.page('alice');
    await page.goto('/staff');
    await page.getByTestId('staff-refused').waitFor();
    expect(await page.getByRole('region', { name: 'Paid orders' }).count()).toBe(0);
  });

  it('lets support refund 20.00 but not 80.00, and an admin refund 80.00', async () => {
    const intent = await paidOrder([{ price: 'jacket', quantity: 1 }]); // 120.00

    const support = await browser.page('sam');
    await support.goto('/staff');
    let row = support.locator(`[data-order="${intent}"]`);
    await row.getByText(/1 × Field jacket/).waitFor();
    await row.getByText('Refund…').click();
    await row.getByText('$120.00 left to refund.').waitFor();
    await row.getByLabel(/Amount to refund/).fill('20.00');
    await row.getByRole('button', { name: 'Refund' }).click();
    // Nothing is refunded before the confirm step.
    expect((await simulatorStripe().refunds.list({ payment_intent: intent })).data).toHaveLength(0);
    await row.getByRole('button', { name: 'Yes, refund' }).click();
    await row.getByText(/Refunded \$20\.00/).waitFor();

    await support.reload();
    row = support.locator(`[data-order="${intent}"]`);
    await row.getByText('Refund…').click();
    await row.getByLabel(/Amount to refund/).fill('80.00');
    await row.getByRole('button', { name: 'Refund' }).click();
    await row.getByRole('button', { name: 'Yes, refund' }).click();
    await row.getByText('You may refund at most $50.00 at once. Refund less, or ask an admin.').waitFor();

    const admin = await browser.page('ada');
    await admin.goto('/staff');
    row = admin.locator(`[data-order="${intent}"]`);
    await row.getByText('Refund…').click();
    await row.getByLabel(/Amount to refund/).fill('80.00');
    await row.getByRole('button', { name: 'Refund' }).click();
    await row.getByRole('button', { name: 'Yes, refund' }).click();
    await row.getByText(/Refunded \$80\.00/).waitFor();

    // The filter finds the order by its item, and hides it for another search.
    await admin.goto('/staff?q=jacket');
    await admin.locator(`[data-order="${intent}"]`).waitFor();
    await admin.goto('/staff?q=no-such-thing');
    await admin.getByRole('heading', { name: 'No orders match' }).waitFor();

    const refunds = await simulatorStripe().refunds.list({ payment_intent: intent });
    expect(refunds.data.map((r) => r.amount).sort((a, b) => a - b)).toEqual([2000, 8000]);
  });
});
