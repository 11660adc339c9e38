import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

// Absolute paths, so the build runs the same from any working directory (the dist test builds from the root).
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Puts `'use client'` back as the first line of each built module: bundlers drop module directives. */
async function restoreUseClient(dir: string): Promise<void> {
  for (const file of await readdir(dir)) {
    if (!/\.c?js$/.test(file)) continue;
    const path = `${dir}/${file}`;
    const code = await readFile(path, 'utf8');
    // Drop whatever directive prologue the bundler left, then write ours.
    const body = code.replace(/^(?:\s*(['"])use (?:client|strict)\1;?)+\s*/, '');
    await writeFile(path, `'use client';\n${/\.cjs$/.test(file) ? "'use strict';\n" : ''}${body}`);
  }
}

/** The build, parametrised by output folder so test/node/dist.test.ts can build into a temporary one. */
export function buildOptions(outDir = here('./dist')): Options {
  return {
    outDir,
    entry: { index: here('./src/index.ts') },
    tsconfig: here('./tsconfig.json'),
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'es2022',
    // Lazy pieces (Stripe Elements, embedded Checkout) become their own chunks.
    splitting: true,
    // Rollup's tree-shaking pass merges the per-file `import … from 'react'` lines into one per module.
    treeshake: true,
    external: ['react', 'react-dom', '@stripe/stripe-js', '@stripe/react-stripe-js', '@tollbooth/core'],
    async onSuccess() {
      await restoreUseClient(outDir);
      await copyFile(here('./src/styles.css'), `${outDir}/styles.css`);
    },
  };
}

export default defineConfig(buildOptions());
