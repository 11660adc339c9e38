import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from '/work/wt/14/node_modules/.pnpm/esbuild@0.25.12/node_modules/esbuild/lib/main.js';

const files = process.argv.slice(2);
for (const f of files) {
  const r = await build({
    stdin: { contents: `export * from './${f}'`, resolveDir: process.cwd() + '/src', loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    jsx: 'automatic',
    external: ['react', 'react-dom', '@stripe/*', 'react/jsx-runtime', '@tollbooth/core', './*', '../*'],
  });
  console.log(gzipSync(r.outputFiles[0].contents).length, f);
}
