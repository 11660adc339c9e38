import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineProject } from 'vitest/config';
import { chromiumLaunchOptions } from '../vitest.shared';

const configDir = fileURLToPath(new URL('.', import.meta.url));

/** The flags Chromium needs on CI and dev machines here (no sandbox in containers, no background traffic). */
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
        launchOptions: chromiumLaunchOptions,
      }),
      instances: [{ browser: 'chromium' }],
    },
    // The machine is slow and shared: a story that renders, seeds the simulator and types a card can take a while.
    testTimeout: 60_000,
  },
});
