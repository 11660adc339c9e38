import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared';

// An outside user: the five packages packed, installed with npm into a fresh Next.js app in a temp folder, the
// README's snippets written into it as they stand, then tsc, next build, next start and Chromium.
export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'integration',
    environment: 'node',
    include: ['*.test.ts'],
    // Packs, creates the app and runs its one `npm install`; both router variants reuse it.
    globalSetup: ['./support/global-setup.ts'],
    // One Next build or server at a time on a 2-core machine.
    fileParallelism: false,
    // Waiting for builds and a shared, slow machine; nothing asserts on time.
    testTimeout: 600_000,
    hookTimeout: 900_000,
  },
});
