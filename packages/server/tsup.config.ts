import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts', 'src/next.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    // No `clean`: the two builds run at once, and the first one's clean could delete the CLI the second had
    // already written. `pnpm build` empties dist/ before both.
    target: 'es2022',
    external: ['stripe', 'next'],
  },
  {
    // `npx @tollbooth/server init`: a Node script, ESM only, no types.
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
