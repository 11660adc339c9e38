import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared';

// Node tests only: the Stripe.js stand-in's browser tests have their own project (vitest.browser.config.ts).
export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'testing',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', '**/node_modules/**'],
  },
});
