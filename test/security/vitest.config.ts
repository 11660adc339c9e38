import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'security',
    environment: 'node',
    include: ['**/*.test.ts'],
    setupFiles: ['./support/setup.ts'],
    // Prints the figures table once every file has run; the files hand their figures over through a temp dir.
    globalSetup: ['./support/global-setup.ts'],
    // The simulator answers over loopback HTTP; a slow shared machine needs room, but nothing asserts on time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
