import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineProject } from 'vitest/config';

const configDir = fileURLToPath(new URL('.', import.meta.url));

/** The flags Chromium needs on CI and dev machines here (no sandbox in containers, no background traffic). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Every story is a test (the plugin takes main.ts's `viteFinal`, aliases included): it renders in real Chromium, its `play` function runs, and axe checks it
 * (`parameters.a11y.test = 'error'`). Stories tagged `!test` (the live Stripe story) are left out.
 */
export default defineProject({
  plugins: [storybookTest({ configDir, tags: { exclude: ['live'] } })],
  test: {
    name: 'storybook',
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: CHROMIUM_ARGS,
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
    // The machine is slow and shared: a story that renders, seeds the simulator and types a card can take a while.
    testTimeout: 60_000,
  },
});
