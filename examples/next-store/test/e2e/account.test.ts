import { describe, expect, it } from 'vitest';
import { signIn, tollbooth } from '../helpers';
import { fillCard, setupBrowser } from './browser';

const browser = setupBrowser();

interface Methods {
  data: Array<{ id: string; card: { last4: string } | null; isDefault: boolean }>;
}

async function methodsOf(login: 'alice' | 'bob'): Promise<Methods['data']> {
  const res = await tollbooth('/payment-methods', { cookie: await signIn(login) });
  expect(res.status).toBe(200);
  return ((await res.json()) as Methods).data;
}

describe('the account page', () => {
  it('signs in with the header switcher', async () => {
    const page = await browser.page();
    await page.goto('/account');
    await page.getByText('Sign in as Alice or Bob').waitFor();
    await page.getByLabel('Signed in as').selectOption('alice');
    await page.getByRole('button', { name: 'Switch' }).click();
    await page.getByRole('heading', { name: 'Hello, Alice' }).waitFor();
  });

  it('saves a card, makes it the default, and removes it (PaymentMethodManager)', async () => {
    const page = await browser.page('alice');
    await page.goto('/account');
    const manager = page.locator('.tb-payment-methods');
    await manager.getByRole('button', { name: 'Add a card' }).click();
    await fillCard(page, '4000 0566 5566 5556'); // a Visa debit: its last4 is this test's own
    await manager.getByRole('button', { name: 'Save card' }).click();
    await manager.getByText('Card saved.').waitFor();
    const card = manager.getByRole('listitem').filter({ hasText: /ending in 5556/ });
    await card.waitFor();

    const saved = (await methodsOf('alice')).find((m) => m.card?.last4 === '5556');
    expect(saved).toBeDefined();
    if (!saved!.isDefault) {
      await card.getByRole('button', { name: 'Make default' }).click();
      await manager.getByText('Default card updated.').waitFor();
    }
    expect((await methodsOf('alice')).find((m) => m.id === saved!.id)?.isDefault).toBe(true);

    await card.getByRole('button', { name: 'Remove' }).click();
    await manager.getByRole('button', { name: 'Yes, remove' }).click();
    await manager.getByText('Card removed.').waitFor();
    expect((await methodsOf('alice')).some((m) => m.id === saved!.id)).toBe(false);
  });

  it("never shows Alice Bob's cards, and Alice cannot remove one", async () => {
    const bob = await browser.page('bob');
    await bob.goto('/account');
    const manager = bob.locator('.tb-payment-methods');
    await manager.getByRole('button', { name: 'Add a card' }).click();
    await fillCard(bob, '5555 5555 5555 4444');
    await manager.getByRole('button', { name: 'Save card' }).click();
    await manager.getByText('Card saved.').waitFor();
    const bobsCard = (await methodsOf('bob')).find((m) => m.card?.last4 === '4444');
    expect(bobsCard).toBeDefined();

    const alice = await browser.page('alice');
    await alice.goto('/account');
    await alice.locator('.tb-payment-methods').getByRole('button', { name: 'Add a card' }).waitFor();
    expect(await alice.locator('.tb-payment-methods').textContent()).not.toContain('4444');
    expect((await methodsOf('alice')).some((m) => m.id === bobsCard!.id)).toBe(false);

    const res = await tollbooth(`/payment-methods/${bobsCard!.id}`, {
      method: 'DELETE',
      cookie: await signIn('alice'),
    });
    expect(res.status).toBe(404);
    expect((await methodsOf('bob')).some((m) => m.id === bobsCard!.id)).toBe(true);
  });
});
