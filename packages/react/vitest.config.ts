import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared';

// The node project: server rendering, helpers, the build check and type tests. The Chromium project is
// ./vitest.browser.config.ts, which the root config picks up beside it.
export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'react',
    environment: 'node',
    include: ['test/node/**/*.test.{ts,tsx}'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.{ts,tsx}'], tsconfig: './tsconfig.json' },
  },
});
