import { playwright } from '@vitest/browser-playwright';
import { defineProject } from 'vitest/config';
import { chromiumLaunchOptions, workspaceAlias } from '../../vitest.shared';

/** Component tests in real Chromium, against the real server handler and the simulator, in the page. */
export default defineProject({
  resolve: { alias: workspaceAlias },
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-dev-runtime',
      'stripe',
      'axe-core',
      'vitest-browser-react',
      '@stripe/react-stripe-js',
    ],
  },
  test: {
    name: 'react-browser',
    include: ['test/browser/**/*.test.{ts,tsx}'],
    setupFiles: ['./test/browser/setup.ts'],
    // Waiting, not timing: the machine is shared and slow, so polls may take long before they pass.
    testTimeout: 60_000,
    expect: { poll: { timeout: 20_000 } },
    browser: {
      enabled: true,
      headless: true,
      // Failure screenshots would land in the repo's test folder.
      screenshotFailures: false,
      provider: playwright({
        launchOptions: chromiumLaunchOptions,
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
