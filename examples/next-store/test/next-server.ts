import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const appDir = fileURLToPath(new URL('..', import.meta.url));

// Next.js phones home with telemetry unless told not to; tests make no traffic beyond 127.0.0.1.
export const quietEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

export function nextBin(): string {
  return createRequire(join(appDir, 'package.json')).resolve('next/dist/bin/next');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** One `next start` of the built app. */
export interface NextServer {
  url: string;
  /** Everything it printed so far (never a secret: the app logs none). */
  output(): string;
  /** SIGTERM, resolved once the process has exited. */
  stop(): Promise<void>;
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

/** Variables a developer's shell may hold that would take the app off its offline, in-memory defaults. */
const UNSET = [
  'STRIPE_SECRET_KEY',
  'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY',
  'SESSION_SECRET',
  'REDIS_URL',
  'REDIS_PREFIX',
  'STRIPE_SIMULATOR_URL',
];

/**
 * `next start` on 127.0.0.1:`port` with `env` over the test's own environment (offline, in memory, unless `env`
 * says otherwise), resolved once it answers. The build must exist (global-setup makes it).
 */
export async function startNext(port: number, env: Record<string, string>): Promise<NextServer> {
  const childEnv = { ...quietEnv };
  for (const name of UNSET) delete childEnv[name];
  Object.assign(childEnv, env);
  const child = spawn(process.execPath, [nextBin(), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: appDir,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilUp(url, child, () => output);
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
