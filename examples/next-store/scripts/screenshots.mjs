// Takes the README's screenshots of the store's main pages at desktop (1280) and phone (390) width, in
// headless Chromium, against a running store: `pnpm --filter next-store start`, then
// `BASE_URL=http://127.0.0.1:3000 node scripts/screenshots.mjs`. Writes docs/<page>-<width>.png.
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const out = new URL('../docs/', import.meta.url);
const WIDTHS = [1280, 390];

async function signIn(login) {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login }),
    redirect: 'manual',
  });
  const [name, value] = (res.headers.getSetCookie()[0] ?? '').split(';')[0].split('=');
  if (!value) throw new Error(`sign-in as ${login} failed (${res.status})`);
  return { name, value, url: base, httpOnly: true, sameSite: 'Lax' };
}

/** Each shot: a name, who is signed in, the path, and what to wait for (the page's data, not a time). */
const SHOTS = [
  { name: 'shop', login: null, path: '/', ready: '.tb-plan' },
  { name: 'cart', login: 'alice', path: '/pay?items=mug:2,tote:1', ready: '.cart-line__price:has-text("$")' },
  { name: 'account', login: 'alice', path: '/account', ready: '.tb-payment-methods[data-state="idle"]' },
  { name: 'staff', login: 'sam', path: '/staff', ready: 'h1' },
];

await mkdir(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const shot of SHOTS) {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: width > 600 ? 900 : 844 } });
      if (shot.login) await context.addCookies([await signIn(shot.login)]);
      const page = await context.newPage();
      await page.goto(`${base}${shot.path}`);
      await page.locator(shot.ready).first().waitFor({ timeout: 60_000 });
      // The visible screen, not the whole scroll: what a shopper sees first, and small files.
      const path = new URL(`${shot.name}-${width}.png`, out);
      await page.screenshot({ path: path.pathname });
      console.log(`wrote docs/${shot.name}-${width}.png`);
      await context.close();
    }
  }
} finally {
  await browser.close();
}
