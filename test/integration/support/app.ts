import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeFiles } from './readme-blocks';
import { type Background, background, cleanEnv, freePort, run, timing } from './run';

export type Router = 'app' | 'pages';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));

/** The files each variant takes from the READMEs; a block that goes missing fails here, by name. */
export const SHARED_FILES = [
  'server/tollbooth.ts',
  'server/auth.ts',
  'components/providers.tsx',
  'tollbooth.d.ts',
  'instrumentation.ts',
  'next.config.ts',
];
export const ROUTER_FILES: Record<Router, string[]> = {
  app: ['app/api/tollbooth/[...tollbooth]/route.ts', 'app/pricing/page.tsx'],
  pages: ['pages/api/tollbooth/[...tollbooth].ts', 'pages/pricing.tsx'],
};

/**
 * Turns the app into one variant: the README's blocks for that router (as printed), the integrator's own
 * files that no README prints (order code, the auth library's routes), and nothing of the other router.
 */
export function writeVariant(appDir: string, router: Router, generatedNextOptions: string): string[] {
  const blocks = readmeFiles(join(root, 'README.md'), join(root, 'packages/testing/README.md'));
  rmSync(join(appDir, router === 'app' ? 'pages' : 'app'), { recursive: true, force: true });
  rmSync(join(appDir, '.next'), { recursive: true, force: true });
  const written: string[] = [];
  for (const path of [...SHARED_FILES, ...ROUTER_FILES[router]]) {
    let text = blocks.get(path);
    if (text === undefined) throw new Error(`no README block starts with "// ${path}"`);
    // Keep what create-next-app chose (Next 16: cacheComponents) under the README's wrapper.
    if (path === 'next.config.ts') text = text.replace('/* your options */', generatedNextOptions.trim());
    mkdirSync(dirname(join(appDir, path)), { recursive: true });
    writeFileSync(join(appDir, path), text);
    written.push(path);
  }
  cpSync(join(fixtures, 'server'), join(appDir, 'server'), { recursive: true });
  cpSync(join(fixtures, router), join(appDir, router), { recursive: true });
  return written;
}

/** Every file under `.next/static` that a browser can download, with its text. */
export function clientBundle(appDir: string): Array<{ file: string; text: string }> {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return walk(join(appDir, '.next/static'))
    .filter((file) => /\.(js|css|html|json|txt)$/.test(file))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

const nextBin = (appDir: string) => join(appDir, 'node_modules/next/dist/bin/next');

/** `next build` with no Stripe key, webhook secret or auth secret anywhere in its environment. */
export async function nextBuild(appDir: string, extra: Record<string, string> = {}): Promise<void> {
  rmSync(join(appDir, '.next'), { recursive: true, force: true });
  await run('node', [nextBin(appDir), 'build'], {
    cwd: appDir,
    env: cleanEnv(extra),
    label: `next build${extra.TOLLBOOTH_SIMULATOR_URL ? ' (simulator asked for)' : ''}`,
  });
}

export interface RunningApp {
  baseUrl: string;
  webhookSecret: string;
  ordersLog: string;
  server: Background;
  /** The fulfilments recorded so far, oldest first. */
  orders(): Array<{ id: string; amount: number }>;
  stop(): Promise<void>;
}

/**
 * `next start` on 127.0.0.1 and a free port. `runtime` is what the deployment's environment holds at run time
 * (never at build time): the simulator's address, the webhook secret the test signs with, better-auth's.
 */
export async function nextStart(appDir: string, runtime: Record<string, string> = {}): Promise<RunningApp> {
  const started = Date.now();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
  const ordersLog = join(appDir, `orders-${port}.log`);
  const env = cleanEnv({
    PORT: String(port),
    ORDERS_LOG: ordersLog,
    BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
    BETTER_AUTH_URL: baseUrl,
    APP_ORIGIN: baseUrl,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    ...runtime,
  });
  const server = background(
    'node',
    [nextBin(appDir), 'start', '-H', '127.0.0.1', '-p', String(port)],
    appDir,
    env,
  );
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`next start exited:\n${server.output()}`);
    const up = await fetch(`${baseUrl}/`, { redirect: 'manual' }).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  timing('next start (until it answers)', started);
  return {
    baseUrl,
    webhookSecret,
    ordersLog,
    server,
    orders: () =>
      existsSync(ordersLog)
        ? readFileSync(ordersLog, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line))
        : [],
    stop: () => server.stop(),
  };
}

/** Polls until `check` returns a value; for effects that arrive later (webhooks), never a timed assertion. */
export async function eventually<T>(check: () => T | false | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}
