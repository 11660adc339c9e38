import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'next-store',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Builds the app when .next is missing or older than its sources, then runs `next start` on 127.0.0.1.
    globalSetup: ['test/global-setup.ts'],
    // One Next server and one Chromium at a time on a 2-core machine: files run one after another.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
