import { describe, expect, it } from 'vitest';
import { simulatorPriceId } from '../../server/catalog';
import { eventually, signIn, simulatorStripe, subscribeToClub, tollbooth } from '../helpers';
import { setupBrowser } from './browser';

const browser = setupBrowser();

/** Cents from "$12.34" (the preview's and the invoice list's en-US format). */
const cents = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);

describe('the coffee club tiers, end to end (PlanSwitcher)', () => {
  it('previews an upgrade, pays exactly the previewed amount, then schedules a downgrade and undoes it', async () => {
    const cookie = await signIn('alice');
    await cancelAlicesSubscriptions();
    const page = await browser.page('alice');
    await page.goto('/');
    await page.getByRole('button', { name: 'Join the coffee club' }).click();
    await page.waitForURL(/\/_simulator\/checkout\/cs_/);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(/\/return\?session_id=cs_/);

    await page.goto('/account');
    const switcher = page.locator('.tb-plan-switcher');
    await switcher.getByRole('heading', { name: 'Coffee club tier' }).waitFor();
    await switcher.getByRole('button', { name: 'Switch to Coffee club plus' }).click();
    const due = switcher.getByText(/^Due today: \$[\d.,]+$/);
    await due.waitFor();
    const previewed = cents((await due.textContent()) ?? '');
    // Part of a month of the $12 difference: more than nothing, at most the whole difference.
    expect(previewed).toBeGreaterThan(0);
    expect(previewed).toBeLessThanOrEqual(2700 - 1500);
    await switcher.getByRole('button', { name: 'Confirm change' }).click();
    await switcher.getByText('You are now on Coffee club plus.').waitFor();

    // The proration invoice was paid at once, for the previewed amount to the cent.
    const invoices = await eventually(async () => {
      const res = await tollbooth('/invoices', { cookie });
      const { data } = (await res.json()) as { data: Array<{ amountPaid: number; status: string | null }> };
      return data.length >= 2 ? data : null;
    });
    expect(invoices.map((i) => i.amountPaid)).toContain(previewed);

    // The plan line is the server's billing state, kept in step by the webhooks: reload until it moves.
    await eventually(async () => {
      await page.goto('/account');
      const line = (await page.getByTestId('plan-line').textContent()) ?? '';
      return /^Coffee club plus — monthly, renews on /.test(line);
    });

    // Down again: nothing is charged now, the change waits for the period end, and can be undone until then.
    const invoicesBefore = invoices.length;
    await switcher.getByRole('button', { name: 'Switch to Coffee club', exact: true }).click();
    await switcher.getByRole('group', { name: /^Switch to Coffee club on / }).waitFor();
    expect(await switcher.getByText(/^Due today/).count()).toBe(0);
    await switcher.getByRole('button', { name: 'Confirm change' }).click();
    await switcher.getByText(/^You will move to Coffee club on /).waitFor();
    await switcher.getByText(/^Moving to Coffee club on /).waitFor();
    await switcher.getByRole('button', { name: 'Keep Coffee club plus' }).click();
    await switcher.getByText('You stay on Coffee club plus.').waitFor();

    const res = await tollbooth('/subscriptions', { cookie });
    const { data } = (await res.json()) as {
      data: Array<{ price: string; status: string; scheduledChange: unknown }>;
    };
    expect(data.filter((s) => s.status === 'active')).toEqual([
      expect.objectContaining({ price: 'clubPlus', scheduledChange: null }),
    ]);
    const after = (await (await tollbooth('/invoices', { cookie })).json()) as { data: unknown[] };
    expect(after.data).toHaveLength(invoicesBefore);
  });

  // A fresh Coffee club plus subscription: downgrading the one above again, right after the undo, replays the
  // first downgrade's idempotency key in packages/server (same subscription, price and target) and fails.
  it('a month passes on the demo clock: the renewal is billed and the scheduled downgrade takes effect', async () => {
    const cookie = await signIn('alice');
    await cancelAlicesSubscriptions();
    await subscribeToClub('alice', simulatorPriceId('clubPlus'));
    const page = await browser.page('alice');
    await eventually(async () => {
      await page.goto('/account');
      const line = (await page.getByTestId('plan-line').textContent()) ?? '';
      return /^Coffee club plus — monthly, renews on /.test(line);
    });
    const switcher = page.locator('.tb-plan-switcher');
    await switcher.getByRole('button', { name: 'Switch to Coffee club', exact: true }).click();
    await switcher.getByRole('button', { name: 'Confirm change' }).click();
    await switcher.getByText(/^Moving to Coffee club on /).waitFor();
    const invoicesBefore = await invoiceIds(cookie);

    await page.getByRole('button', { name: 'Advance one month' }).click();
    await page.waitForURL(/\/account$/);
    // The simulator billed the renewal at the period end and sent its webhooks; the plan line follows them.
    await eventually(async () => {
      await page.goto('/account');
      const line = (await page.getByTestId('plan-line').textContent()) ?? '';
      return /^Coffee club — monthly, renews on /.test(line);
    });
    const renewals = (await invoiceList(cookie)).filter((i) => !invoicesBefore.includes(i.id));
    // One new invoice: the renewal, paid, for the tier the downgrade moved to (Coffee club, $15).
    expect(renewals).toEqual([expect.objectContaining({ status: 'paid', amountPaid: 1500 })]);
    await page.locator('.tb-invoices').getByText('$15.00').first().waitFor();
  });
});

/**
 * The test files share one server, in no fixed order, and another may have subscribed Alice already (the
 * first-paint test does): she starts from no live subscription, so Checkout does not answer 409.
 */
async function cancelAlicesSubscriptions(): Promise<void> {
  const stripe = simulatorStripe();
  const { data: customers } = await stripe.customers.list({ limit: 100 });
  for (const customer of customers.filter((c) => c.metadata.tollbooth_owner === 'user:user_alice')) {
    const { data: subs } = await stripe.subscriptions.list({ customer: customer.id, limit: 100 });
    for (const sub of subs) await stripe.subscriptions.cancel(sub.id);
  }
}

type InvoiceRow = { id: string; amountPaid: number; status: string | null };

async function invoiceList(cookie: string): Promise<InvoiceRow[]> {
  const { data } = (await (await tollbooth('/invoices', { cookie })).json()) as { data: InvoiceRow[] };
  return data;
}

async function invoiceIds(cookie: string): Promise<string[]> {
  return (await invoiceList(cookie)).map((i) => i.id);
}
