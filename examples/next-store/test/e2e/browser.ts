import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromiumLaunchOptions } from '../../../../vitest.shared';
import { baseUrl, type Login, signIn } from '../helpers';

/** One Chromium per test file; each page gets its own context (its own cookies). */
export function setupBrowser(): { page: (login?: Login) => Promise<Page> } {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
  });
  return {
    async page(login) {
      if (!browser) throw new Error('the browser is not up yet');
      const context = await browser.newContext({ baseURL: baseUrl });
      // Waiting for the UI, not timing it: generous, because the machine is slow and shared.
      context.setDefaultTimeout(60_000);
      contexts.push(context);
      if (login) {
        const [name, value] = (await signIn(login)).split('=') as [string, string];
        await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      }
      return context.newPage();
    },
  };
}

/** Types a card into the Payment Element (the simulator's Stripe.js stand-in renders labelled inputs). */
export async function fillCard(scope: Page, number: string): Promise<void> {
  await scope.getByLabel('Card number').fill(number);
  await scope.getByLabel(/Expiration date/).fill('12 / 34');
  await scope.getByLabel(/Security code/).fill('123');
  const postal = scope.getByLabel('Postal code');
  if (await postal.count()) await postal.fill('94107');
}

/** Waits for the element to be visible and returns its text. */
export async function waitForText(locator: Locator): Promise<string> {
  await locator.waitFor();
  return (await locator.textContent()) ?? '';
}
