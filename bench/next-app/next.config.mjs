import { fileURLToPath } from 'node:url';

// The app imports the bench's shared modules (../lib) and the workspace's node_modules at the repository root.
const root = fileURLToPath(new URL('../..', import.meta.url));

export default {
  poweredByHeader: false,
  outputFileTracingRoot: root,
  turbopack: { root },
};
