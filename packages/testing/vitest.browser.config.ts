import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineProject } from 'vitest/config';
import { chromiumLaunchOptions, workspaceAlias } from '../../vitest.shared';
import { simulatorCommands } from './test/browser/commands';

/**
 * The Stripe.js stand-in's tests, in real Chromium. The simulator runs on the Node side (global setup,
 * real HTTP on 127.0.0.1); the browser reaches it over CORS like Stripe.js reaches api.stripe.com, and
 * arranges state through `commands` that call the simulator with the real `stripe` SDK.
 */
export default defineProject({
  plugins: [react()],
  resolve: { alias: workspaceAlias },
  optimizeDeps: {
    // Pre-bundled up front: a mid-run re-optimisation reloads the page under a running test.
    include: [
      'axe-core',
      '@stripe/react-stripe-js',
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-dev-runtime',
    ],
    // It imports vitest's own browser runtime, which must stay a single, un-bundled instance.
    exclude: ['vitest-browser-react'],
  },
  test: {
    name: 'testing-browser',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['test/browser/**/*.test.{ts,tsx}'],
    globalSetup: ['test/browser/global-setup.ts'],
    browser: {
      enabled: true,
      headless: true,
      // Failure screenshots would land inside the source tree; the assertion message is enough here.
      screenshotFailures: false,
      provider: playwright({
        launchOptions: chromiumLaunchOptions,
      }),
      instances: [{ browser: 'chromium' }],
      commands: simulatorCommands,
    },
  },
});
