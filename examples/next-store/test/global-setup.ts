import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { appDir, freePort, nextBin, quietEnv, startNext } from './next-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where `next start` listens, e.g. `http://127.0.0.1:41000`. */
    baseUrl: string;
    /** The app's Stripe simulator, for arranging state with the stripe SDK. */
    simulatorPort: number;
    /** The secret the app verifies webhooks with, for signWebhook. */
    webhookSecret: string;
  }
}

const rootDir = join(appDir, '..', '..');
const SOURCES = [
  'app',
  'components',
  'pages',
  'server',
  'types',
  'instrumentation.ts',
  'next.config.ts',
  'package.json',
];
const PACKAGES = ['core', 'server', 'react', 'testing', 'redis'];

function newest(path: string): number {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === '.next') continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: quietEnv });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
}

/** Next resolves @tollbooth/* through each package's `exports` (dist), so a stale dist means testing old code. */
function ensureBuilt(): void {
  const stalePackages = PACKAGES.filter((name) => {
    const dir = join(rootDir, 'packages', name);
    return newest(join(dir, 'dist')) < newest(join(dir, 'src'));
  });
  if (stalePackages.length > 0) {
    run(
      'pnpm',
      ['-r', ...stalePackages.flatMap((p) => ['--filter', `@tollbooth/${p}`]), 'run', 'build'],
      rootDir,
    );
  }
  const built = newest(join(appDir, '.next', 'BUILD_ID'));
  const inputs = Math.max(
    ...SOURCES.map((s) => newest(join(appDir, s))),
    ...PACKAGES.map((p) => newest(join(rootDir, 'packages', p, 'dist'))),
  );
  if (built < inputs) run(process.execPath, [nextBin(), 'build'], appDir);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureBuilt();
  const [port, simulatorPort] = [await freePort(), await freePort()];
  const webhookSecret = `whsec_test_${crypto.randomUUID().replaceAll('-', '')}`;
  const server = await startNext(port, {
    PUBLIC_ORIGINS: `http://127.0.0.1:${port}`,
    SIMULATOR_PORT: String(simulatorPort),
    STRIPE_WEBHOOK_SECRET: webhookSecret,
  });
  const baseUrl = server.url;
  project.provide('baseUrl', baseUrl);
  project.provide('simulatorPort', simulatorPort);
  project.provide('webhookSecret', webhookSecret);

  return async () => {
    await server.stop();
    // Kept for a failed run: what the server logged.
    mkdirSync(join(appDir, 'test-results'), { recursive: true });
    writeFileSync(join(appDir, 'test-results', 'next-start.log'), server.output());
  };
}
