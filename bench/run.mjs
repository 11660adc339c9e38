// `pnpm bench`: prints the kit's size and speed figures. Figures only — nothing here fails on a number; the
// size budgets are enforced separately by size-limit in CI (`pnpm size`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { server } from './server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}packages/server/dist/index.js`)) {
  console.error('bench: build first (pnpm build)');
  process.exit(1);
}

console.log('\n## Bundle size (minified + gzip, size-limit)\n');
for (const pkg of ['react']) {
  const dir = `${root}packages/${pkg}`;
  if (!existsSync(`${dir}/.size-limit.json`)) continue;
  let out;
  try {
    out = execFileSync('pnpm', ['exec', 'size-limit', '--json'], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    out = error.stdout; // size-limit exits 1 when a budget is exceeded; the figures are still printed
  }
  for (const entry of JSON.parse(out)) {
    const budget = entry.sizeLimit
      ? ` (budget ${(entry.sizeLimit / 1000).toFixed(1)} kB${entry.passed ? '' : ', OVER'})`
      : '';
    console.log(
      `${`@tollbooth/${pkg} ${entry.name}`.padEnd(72)} ${(entry.size / 1000).toFixed(2)} kB${budget}`,
    );
  }
}

console.log('\n## Server handler (in process, real stripe SDK against the simulator)\n');
for (const row of await server()) {
  console.log(
    `${row.name.padEnd(72)} ${row.perSecond.toFixed(0).padStart(7)} req/s   p50 ${row.p50.toFixed(3)} ms   p99 ${row.p99.toFixed(3)} ms`,
  );
}
