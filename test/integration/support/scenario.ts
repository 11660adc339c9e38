import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIMULATOR_API_VERSION, signWebhook } from '@tollbooth/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../vitest.shared';
import {
  clientBundle,
  eventually,
  nextBuild,
  nextStart,
  type Router,
  type RunningApp,
  writeVariant,
} from './app';
import { freePort, run } from './run';

/** Strings only the Stripe.js stand-in's code holds; they survive minification (messages, routes). */
const STAND_IN = [/createStripeJsStandIn: `simulatorUrl` is required/, /_simulator\/3ds\//];

/** Types a card into the stand-in's Payment Element or the simulator's hosted page (labelled inputs). */
async function fillCard(page: Page, number: string): Promise<void> {
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel(/Expiration date|Expiry/).fill('12 / 34');
  await page.getByLabel(/Security code|CVC/).fill('123');
  const postal = page.getByLabel(/Postal code|ZIP/);
  if (await postal.count()) await postal.fill('94107');
}

/**
 * The whole integrator journey for one router: the README's files, strict tsc, `next build` with no secrets,
 * `next start`, then the API refusing what it must and Chromium paying twice.
 */
export function integratorJourney(
  router: Router,
  options: {
    /** Also build once without asking for the simulator: scan that bundle, start it, expect 500s. */
    scanUnaskedBuild: boolean;
    /** Another app than the global setup's (a second Next.js major), created by the caller's beforeAll. */
    app?: () => { dir: string; options: string };
    /** @default 'Next.js 16' */
    label?: string;
  },
): void {
  const routerName = router === 'app' ? 'App' : 'Pages';
  describe(`a fresh ${options.label ?? 'Next.js 16'} app on the ${routerName} Router, from npm tarballs`, () => {
    let appDir = '';
    let app: RunningApp | undefined;
    let browser: Browser | undefined;

    beforeAll(() => {
      const target = options.app?.() ?? { dir: inject('appDir'), options: inject('generatedNextOptions') };
      appDir = target.dir;
      writeVariant(appDir, router, target.options);
    });
    afterAll(async () => {
      await browser?.close();
      await app?.stop();
    });

    it('installed without msw (an optional peer) and with the packed packages, not registry copies', async () => {
      const { existsSync, readFileSync } = await import('node:fs');
      expect(existsSync(join(appDir, 'node_modules/msw'))).toBe(false);
      const lock = JSON.parse(readFileSync(join(appDir, 'package-lock.json'), 'utf8'));
      for (const name of ['core', 'server', 'react', 'testing', 'redis']) {
        expect(lock.packages[`node_modules/@tollbooth/${name}`].resolved).toMatch(/^file:.*\.tgz$/);
      }
    });

    it('type-checks strictly as the README prints it, and Register makes a wrong catalog key an error', async () => {
      // One tsc run for both facts: the README's files hold no error, and a typo the typed keys should catch
      // is one (so the clean result means something).
      const typo = join(appDir, 'components/typo.tsx');
      writeFileSync(
        typo,
        'import { CheckoutButton } from \'@tollbooth/react\';\nexport const Typo = () => <CheckoutButton price="por" />;\n',
      );
      try {
        const output = await run('node', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], {
          cwd: appDir,
          label: `tsc --noEmit (${router}, with one planted typo)`,
        }).then(
          () => 'tsc found no error at all',
          (error: Error) => error.message,
        );
        const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(
          /^components\/typo\.tsx\(2,\d+\): error TS2322: Type '"por"' is not assignable/,
        );
      } finally {
        rmSync(typo);
      }
    });

    if (options.scanUnaskedBuild) {
      it('a production build that did not ask for the simulator ships no stand-in, and its server fails closed', async () => {
        await nextBuild(appDir);
        const leaks = clientBundle(appDir).filter(({ text }) => STAND_IN.some((p) => p.test(text)));
        expect(leaks.map((l) => l.file)).toEqual([]);

        const unasked = await nextStart(appDir);
        try {
          for (const [method, path] of [
            ['GET', '/api/tollbooth/catalog'],
            ['POST', '/api/tollbooth/webhooks'],
          ] as const) {
            const res = await fetch(`${unasked.baseUrl}${path}`, {
              method,
              body: method === 'POST' ? '{}' : null,
            });
            expect(res.status, `${method} ${path}`).toBe(500);
            expect(((await res.json()) as { error: { code: string } }).error.code).toBe('internal_error');
          }
          expect(unasked.server.output()).toMatch(/the simulator was not asked for/);
        } finally {
          await unasked.stop();
        }
      });
    }

    it('builds with no secrets in the environment (the simulator asked for, as CI does), stand-in included', async () => {
      const simulatorUrl = `http://127.0.0.1:${await freePort()}`;
      await nextBuild(appDir, { TOLLBOOTH_SIMULATOR_URL: simulatorUrl });
      // The positive control for the scan above: the same scan finds the stand-in when it was asked for.
      expect(clientBundle(appDir).some(({ text }) => STAND_IN.every((p) => p.test(text)))).toBe(true);
      app = await nextStart(appDir, { TOLLBOOTH_SIMULATOR_URL: simulatorUrl });
      browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
    });

    it('answers 401 to a signed-out payment', async () => {
      const res = await fetch(`${app!.baseUrl}/api/tollbooth/payment-intents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app!.baseUrl },
        body: JSON.stringify({ items: [{ price: 'basic', quantity: 1 }] }),
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    });

    const event = (id: string) =>
      JSON.stringify({
        id,
        object: 'event',
        type: 'payment_intent.succeeded',
        api_version: SIMULATOR_API_VERSION,
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        data: {
          object: {
            id: `pi_${id}`,
            object: 'payment_intent',
            amount_received: 1500,
            metadata: { tollbooth_items: 'basic×1' },
          },
        },
      });
    const postWebhook = (payload: string, signature: string) =>
      fetch(`${app!.baseUrl}/api/tollbooth/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: payload,
      });

    it('refuses a forged webhook and fulfils nothing', async () => {
      const payload = event('evt_forged');
      const forged = signWebhook(payload, 'whsec_not_the_apps_secret');
      expect((await postWebhook(payload, forged)).status).toBe(400);
      expect((await postWebhook(payload, 't=1,v1=00')).status).toBe(400);
      expect(app!.orders().filter((o) => o.id === 'pi_evt_forged')).toEqual([]);
    });

    it('fulfils a signed webhook once, though Stripe delivers it twice', async () => {
      const payload = event(`evt_signed_${router}`);
      expect((await postWebhook(payload, signWebhook(payload, app!.webhookSecret))).status).toBe(200);
      expect((await postWebhook(payload, signWebhook(payload, app!.webhookSecret))).status).toBe(200);
      expect(app!.orders().filter((o) => o.id === `pi_evt_signed_${router}`)).toEqual([
        { id: `pi_evt_signed_${router}`, amount: 1500 },
      ]);
    });

    /** A browser context signed in through better-auth's own sign-up route. */
    async function signedInPage(): Promise<Page> {
      const context = await browser!.newContext({ baseURL: app!.baseUrl });
      context.setDefaultTimeout(60_000);
      const email = `buyer-${router}-${Date.now()}@example.test`;
      const res = await context.request.post('/api/auth/sign-up/email', {
        data: { email, password: 'correct horse battery', name: 'Buyer' },
        headers: { origin: app!.baseUrl },
      });
      expect(res.status(), await res.text()).toBe(200);
      return context.newPage();
    }

    it('pays with 4242 through <PaymentForm>, fulfilled once by the simulator’s signed webhook', async () => {
      const page = await signedInPage();
      const created = page.waitForResponse((r) => r.url().endsWith('/api/tollbooth/payment-intents'));
      await page.goto('/pricing');
      const intent = (await (await created).json()) as { id: string };
      await fillCard(page, '4242 4242 4242 4242');
      await page.getByRole('button', { name: /^Pay \$15\.00$/ }).click();
      await page.getByText('Payment received. Thank you!').waitFor();
      await eventually(() => app!.orders().some((o) => o.id === intent.id), `the webhook for ${intent.id}`);
      expect(app!.orders().filter((o) => o.id === intent.id)).toEqual([{ id: intent.id, amount: 1500 }]);
    });

    it('pays through hosted Checkout on the simulator, fulfilled once', async () => {
      const page = await signedInPage();
      await page.goto('/pricing');
      const before = new Set(app!.orders().map((o) => o.id));
      await page.locator('.tb-checkout-button:not(.tb-pricing-table .tb-checkout-button) button').click();
      await page.waitForURL(/\/_simulator\/checkout\/cs_/);
      const session = /\/(cs_[A-Za-z0-9_]+)/.exec(page.url())?.[1];
      await fillCard(page, '4242 4242 4242 4242');
      await page.getByRole('button', { name: /^Pay|^Subscribe/ }).click();
      await page.waitForURL((url) => url.origin === app!.baseUrl);
      await eventually(() => app!.orders().some((o) => o.id === session), `the webhook for ${session}`);
      const fresh = app!.orders().filter((o) => !before.has(o.id) && o.id === session);
      expect(fresh).toEqual([{ id: session, amount: 4900 }]);
    });
  });
}
