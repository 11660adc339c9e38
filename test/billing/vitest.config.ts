import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared';

// Billing truth across packages: the server on the simulator, on the memory store and on a real Redis
// (`TOLLBOOTH_REDIS_URL`, default redis://127.0.0.1:6399; .ci/run starts one).
export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'billing',
    environment: 'node',
    include: ['**/*.test.ts'],
    // Property runs talk to Redis and the simulator many times; nothing asserts on time.
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
