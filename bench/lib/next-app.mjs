// The bench's Next.js app (bench/next-app): built when its sources or the packages' builds are newer than
// its last build, started with `next start` on a free loopback port, stopped by the caller.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const app = join(root, 'bench', 'next-app');
const next = join(root, 'node_modules', '.bin', 'next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.next' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function ensureBuilt() {
  const buildId = join(app, '.next', 'BUILD_ID');
  const inputs = [
    newest(app),
    newest(join(root, 'bench', 'lib')),
    ...['server', 'react', 'core'].map(
      (p) => statSync(join(root, 'packages', p, 'dist', 'index.js')).mtimeMs,
    ),
  ];
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...inputs)) return;
  execFileSync(next, ['build'], { cwd: app, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Builds if needed and starts `next start`; resolves once the app answers. `extraEnv` goes to the server. */
export async function startNextApp(extraEnv = {}) {
  ensureBuilt();
  const port = await freePort();
  const child = spawn(next, ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: app,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/tollbooth/catalog`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('next start did not answer within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill();
      }),
  };
}
