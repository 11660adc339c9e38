import { defineConfig } from 'vitest/config';

// One `vitest run` runs every suite: each package, the cross-package suites under test/, and Storybook.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'test/*/vitest.config.ts',
      'examples/*/vitest.config.ts',
      '.storybook/vitest.config.{ts,mts}',
      'packages/*/vitest.browser.config.ts',
    ],
  },
});
