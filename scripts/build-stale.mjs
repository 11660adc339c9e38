// Builds only the workspace packages whose `dist` is older than their sources, so a second `pnpm dev` starts
// at once instead of rebuilding all five packages. `pnpm build` still rebuilds everything.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const INPUTS = ['src', 'package.json', 'tsup.config.ts', 'tsconfig.json'];

/** The newest (or, with `oldest`, the oldest) modification time of the files under `path`. */
function mtime(path, oldest = false) {
  if (!existsSync(path)) return oldest ? 0 : Number.POSITIVE_INFINITY;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  const times = readdirSync(path).map((name) => mtime(join(path, name), oldest));
  if (times.length === 0) return oldest ? 0 : Number.NEGATIVE_INFINITY;
  return oldest ? Math.min(...times) : Math.max(...times);
}

const stale = readdirSync(join(root, 'packages')).filter((name) => {
  const dir = join(root, 'packages', name);
  if (!existsSync(join(dir, 'package.json'))) return false;
  const newestInput = Math.max(...INPUTS.map((input) => mtime(join(dir, input))));
  return mtime(join(dir, 'dist'), true) < newestInput;
});

if (stale.length === 0) {
  console.log('packages: dist is up to date, nothing to build');
} else {
  console.log(`packages: building ${stale.join(', ')} (sources newer than dist)`);
  // One recursive run keeps pnpm's dependency order (core before the packages that import it).
  const filters = stale.flatMap((name) => ['--filter', `./packages/${name}`]);
  const result = spawnSync('pnpm', ['-r', ...filters, 'run', 'build'], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
