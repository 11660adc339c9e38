// Checks a built dist/ (run after `pnpm --filter @tollbooth/react build`): every module starts with
// 'use client', styles.css is there, and a page importing only <CheckoutButton> references no Stripe.js.
// Usage: node scripts/check-dist.mjs [distDir]
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// esbuild comes with tsup (the build tool), so no extra dependency: resolve it from there.
const fromTsup = createRequire(createRequire(import.meta.url).resolve('tsup'));
const { build } = fromTsup('esbuild');

export async function checkDist(dir) {
  const problems = [];
  const files = await readdir(dir);
  for (const file of files.filter((f) => /\.c?js$/.test(f))) {
    const first = (await readFile(`${dir}/${file}`, 'utf8')).split('\n', 1)[0];
    if (first !== "'use client';")
      problems.push(`${file}: first line is ${JSON.stringify(first)}, not 'use client'`);
  }
  if (!files.includes('styles.css')) problems.push('styles.css is missing');
  const result = await build({
    stdin: { contents: "export { TollboothProvider, CheckoutButton } from './index.js';", resolveDir: dir },
    bundle: true,
    write: false,
    format: 'esm',
    external: ['react', 'react-dom', '@tollbooth/core', '@stripe/*'],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  if (code.includes('@stripe/')) problems.push('a page with only <CheckoutButton> references @stripe/*');
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));
  const problems = await checkDist(dir);
  for (const p of problems) console.error(`✗ ${p}`);
  if (problems.length) process.exit(1);
  console.log(
    `✓ ${dir}: 'use client' first in every module, styles.css present, <CheckoutButton> alone loads no Stripe.js`,
  );
}
