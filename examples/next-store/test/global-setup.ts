import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

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

const appDir = fileURLToPath(new URL('..', import.meta.url));
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
const PACKAGES = ['core', 'server', 'react', 'testing'];

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

// Next.js phones home with telemetry unless told not to; tests make no traffic beyond 127.0.0.1.
const quiet = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: quiet });
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

function nextBin(): string {
  return createRequire(join(appDir, 'package.json')).resolve('next/dist/bin/next');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/session`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureBuilt();
  const [port, simulatorPort] = [await freePort(), await freePort()];
  const webhookSecret = `whsec_test_${crypto.randomUUID().replaceAll('-', '')}`;
  const env: NodeJS.ProcessEnv = {
    ...quiet,
    PUBLIC_ORIGINS: `http://127.0.0.1:${port}`,
    SIMULATOR_PORT: String(simulatorPort),
    STRIPE_WEBHOOK_SECRET: webhookSecret,
  };
  // Offline mode whatever the developer's shell holds.
  delete env.STRIPE_SECRET_KEY;
  delete env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
  delete env.SESSION_SECRET;
  const child = spawn(process.execPath, [nextBin(), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: appDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilUp(baseUrl, child, () => output);
  project.provide('baseUrl', baseUrl);
  project.provide('simulatorPort', simulatorPort);
  project.provide('webhookSecret', webhookSecret);

  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    // Kept for a failed run: what the server logged (never a secret: the app logs none).
    mkdirSync(join(appDir, 'test-results'), { recursive: true });
    writeFileSync(join(appDir, 'test-results', 'next-start.log'), output);
  };
}
