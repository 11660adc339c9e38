import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { createApp, generatedNextOptions } from './create-app';
import { run, timing } from './run';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fresh Next.js app, outside the workspace, with the packed packages installed by npm. */
    appDir: string;
    /** The `next.config.ts` options create-next-app wrote, to keep under the README's wrapper. */
    generatedNextOptions: string;
    /** Package name → `file:` tarball, for a second app (another Next.js major). */
    packed: Record<string, string>;
  }
}

const root = fileURLToPath(new URL('../../..', import.meta.url));
const PACKAGES = ['core', 'server', 'react', 'testing', 'redis'];
/** Which create-next-app (and so which Next.js) the app starts from. */
const NEXT_MAJOR = process.env.TOLLBOOTH_IT_NEXT ?? '16';

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** `pnpm pack` ships `dist`: rebuild the packages whose sources are newer than their build. */
async function ensureBuilt(): Promise<void> {
  const stale = PACKAGES.filter((name) => {
    const dir = join(root, 'packages', name);
    let built = 0;
    try {
      built = newest(join(dir, 'dist'));
    } catch {
      return true;
    }
    return newest(join(dir, 'src')) > built || statSync(join(dir, 'package.json')).mtimeMs > built;
  });
  if (stale.length > 0) await run('pnpm', ['build'], { cwd: root, env: process.env, label: 'pnpm build' });
}

export default async function setup(project: TestProject): Promise<() => void> {
  const started = Date.now();
  await ensureBuilt();
  // Outside the workspace, so nothing resolves through pnpm's links or the repo's node_modules.
  const work = mkdtempSync(join(tmpdir(), 'tollbooth-integration-'));
  const tarballs = join(work, 'tarballs');
  const packed: Record<string, string> = {};
  for (const name of PACKAGES) {
    const out = await run('pnpm', ['pack', '--pack-destination', tarballs], {
      cwd: join(root, 'packages', name),
      env: process.env,
      label: `pnpm pack @tollbooth/${name}`,
    });
    const file = /(\S+\.tgz)\s*$/.exec(out.trim())?.[1];
    if (!file) throw new Error(`pnpm pack printed no tarball for ${name}:\n${out}`);
    packed[`@tollbooth/${name}`] = `file:${file.startsWith('/') ? file : join(tarballs, file)}`;
  }

  const appDir = await createApp(work, NEXT_MAJOR, packed);
  project.provide('appDir', appDir);
  project.provide('packed', packed);
  project.provide('generatedNextOptions', generatedNextOptions(appDir));
  timing('setup (pack, create-next-app, npm install)', started);
  return () => {
    if (process.env.TOLLBOOTH_IT_KEEP) console.log(`[integration] kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  };
}
