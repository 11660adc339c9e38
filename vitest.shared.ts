import { fileURLToPath } from 'node:url';

const src = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

/**
 * Tests import the workspace packages from source, so a change is tested without a build. The same map is in
 * tsconfig.base.json's `paths` for the type checker; published code resolves through each package's `exports`.
 */
export const workspaceAlias = [
  { find: /^@tollbooth\/core$/, replacement: src('core/src/index.ts') },
  { find: /^@tollbooth\/core\/schemas$/, replacement: src('core/src/schemas.ts') },
  { find: /^@tollbooth\/core\/internal\/sha256$/, replacement: src('core/src/internal/sha256.ts') },
  { find: /^@tollbooth\/server$/, replacement: src('server/src/index.ts') },
  { find: /^@tollbooth\/server\/next$/, replacement: src('server/src/next.ts') },
  { find: /^@tollbooth\/testing$/, replacement: src('testing/src/index.ts') },
  { find: /^@tollbooth\/testing\/stripe-js$/, replacement: src('testing/src/stripe-js.ts') },
  { find: /^@tollbooth\/testing\/msw$/, replacement: src('testing/src/msw.ts') },
  { find: /^@tollbooth\/testing\/next$/, replacement: src('testing/src/next.ts') },
  { find: /^@tollbooth\/react$/, replacement: src('react/src/index.ts') },
  { find: /^@tollbooth\/redis$/, replacement: src('redis/src/index.ts') },
];

/**
 * How every browser suite launches Chromium: Debian's build (no browser download works here), headless, and
 * without the background traffic a closed network refuses. `CHROMIUM_PATH` points elsewhere.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
