/**
 * `@tollbooth/testing/next`: run your own Next.js app offline, on the simulator and the Stripe.js stand-in,
 * while no Stripe keys are set. Two calls: `withOfflineStripe(nextConfig)` in `next.config.ts` decides at build
 * time whether the browser bundle may hold the stand-in, and `startOfflineStripe(...)` in `instrumentation.ts`
 * starts the simulator when the server boots. Both say no in a production build unless
 * `TOLLBOOTH_SIMULATOR_URL` asks for it.
 */
import { createStripeSimulator, type StripeSimulator } from './simulator/create-simulator';
import type { PriceSeed } from './simulator/resources/prices';
import type { ProductSeed } from './simulator/resources/products';

type Env = Record<string, string | undefined>;

/** Where the simulator listens in `next dev` when `TOLLBOOTH_SIMULATOR_URL` does not say. */
export const DEFAULT_SIMULATOR_URL = 'http://127.0.0.1:12111';

/**
 * The simulator's URL for this build or server, or `''` when the app runs on Stripe: Stripe keys are set, or
 * this is a production build (`NODE_ENV=production`, as in `next build` and `next start`) that did not ask
 * for the simulator with `TOLLBOOTH_SIMULATOR_URL` (a CI end-to-end run on `next start` does).
 */
export function offlineSimulatorUrl(env: Env = process.env): string {
  if (env.STRIPE_SECRET_KEY) return '';
  if (env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY) return '';
  const asked = env.TOLLBOOTH_SIMULATOR_URL;
  if (asked) {
    const url = new URL(asked);
    if (
      url.protocol !== 'http:' ||
      !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) ||
      !url.port
    ) {
      throw new Error(
        `TOLLBOOTH_SIMULATOR_URL must be http://127.0.0.1:<port> (the simulator listens on loopback only), got "${asked}".`,
      );
    }
    return url.origin;
  }
  return env.NODE_ENV === 'production' ? '' : DEFAULT_SIMULATOR_URL;
}

/**
 * Wraps your Next.js config so that `process.env.TOLLBOOTH_SIMULATOR_URL` is a build-time constant in browser
 * code: `''` in a production build that did not ask, so a `process.env.TOLLBOOTH_SIMULATOR_URL ? import(…)`
 * guard is dropped by the bundler and the stand-in never reaches the production client bundle.
 */
export function withOfflineStripe<C extends { env?: Record<string, string | undefined> }>(
  nextConfig: C,
  env: Env = process.env,
): C {
  return { ...nextConfig, env: { ...nextConfig.env, TOLLBOOTH_SIMULATOR_URL: offlineSimulatorUrl(env) } };
}

/** Options for {@link startOfflineStripe}. */
export interface OfflineStripeOptions {
  /** The prices the simulator holds: the ids your `catalog.prices` lists. */
  prices: PriceSeed[];
  /** Products for those prices. @default [] (each price gets a product named after its id) */
  products?: ProductSeed[];
  /** Where Tollbooth is mounted; the simulator posts signed webhooks to `<basePath>/webhooks`. @default '/api/tollbooth' */
  basePath?: string;
  /** The port this app listens on, for webhook delivery. @default process.env.PORT, else 3000 */
  appPort?: number;
  /** The environment to read, and to write the simulator's settings into. @default process.env */
  env?: Env;
}

/** The running simulator, as {@link startOfflineStripe} left it. */
export interface OfflineStripe {
  /** `http://127.0.0.1:<port>`: the stand-in in the browser calls it. */
  url: string;
  /** The secret the simulator signs webhooks with: `STRIPE_WEBHOOK_SECRET` when it was set, else a fresh one (then set there). */
  webhookSecret: string;
  /** The simulator itself, to inspect or to drive (`completeCheckoutSession`, `webhooks.flush()` …). */
  simulator: StripeSimulator;
  /** Stops the simulator; a later {@link startOfflineStripe} starts a fresh one. */
  close(): Promise<void>;
}

/** The publishable key to give the Stripe.js stand-in. */
export const SIMULATOR_PUBLISHABLE_KEY = 'pk_test_tollbooth_simulator';

// Instrumentation, route handlers and pages are separate bundles, and `next dev` re-runs them: one per process.
const KEY = Symbol.for('@tollbooth/testing/next');
type Holder = typeof globalThis & { [KEY]?: Promise<OfflineStripe> };

/**
 * Call from `register()` in `instrumentation.ts` (Node.js runtime). When {@link offlineSimulatorUrl} gives a
 * URL, starts the simulator there once per process and sets `STRIPE_SECRET_KEY`, `STRIPE_WEBHOOK_SECRET`,
 * `STRIPE_API_HOST`, `STRIPE_API_PORT` and `STRIPE_API_PROTOCOL`, which your `new Stripe(...)` reads; resolves
 * `null` (and starts nothing) inside `next build`, with Stripe keys, or in production unless asked.
 */
export function startOfflineStripe(options: OfflineStripeOptions): Promise<OfflineStripe | null> {
  const env = options.env ?? process.env;
  const holder = globalThis as Holder;
  if (holder[KEY]) return holder[KEY];
  if (env.NEXT_RUNTIME === 'edge' || env.NEXT_PHASE === 'phase-production-build')
    return Promise.resolve(null);
  const url = offlineSimulatorUrl(env);
  if (!url) {
    if (!env.STRIPE_SECRET_KEY) {
      console.warn(
        '[tollbooth] no STRIPE_SECRET_KEY in a production server, and the simulator was not asked for ' +
          '(TOLLBOOTH_SIMULATOR_URL): Tollbooth will answer 500 until the keys are set.',
      );
    }
    return Promise.resolve(null);
  }
  holder[KEY] = boot(url, options, env).catch((error: unknown) => {
    holder[KEY] = undefined; // a later call may try again, e.g. once the port is free
    throw error;
  });
  return holder[KEY];
}

async function boot(url: string, options: OfflineStripeOptions, env: Env): Promise<OfflineStripe> {
  // A given secret is kept, so a test can sign its own events for the app; otherwise a fresh one per process.
  const given = env.STRIPE_WEBHOOK_SECRET;
  const webhookSecret = given?.startsWith('whsec_')
    ? (given as `whsec_${string}`)
    : (`whsec_${randomHex(24)}` as const);
  const appPort = options.appPort ?? Number(env.PORT ?? 3000);
  const basePath = (options.basePath ?? '/api/tollbooth').replace(/\/+$/, '');
  const simulator = createStripeSimulator({
    prices: options.prices,
    products: options.products ?? [],
    webhook: { url: `http://127.0.0.1:${appPort}${basePath}/webhooks`, secret: webhookSecret },
  });
  const { port } = new URL(url);
  const server = await simulator.listen(Number(port));
  Object.assign(env, {
    // The simulator takes any test-mode key: a fresh one, so no key-shaped literal ships in this package.
    STRIPE_SECRET_KEY: `sk_test_${randomHex(12)}`,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_HOST: '127.0.0.1',
    STRIPE_API_PORT: String(server.port),
    STRIPE_API_PROTOCOL: 'http',
  });
  console.log(`[tollbooth] Stripe simulator on ${server.url} (offline: no Stripe keys set)`);
  const close = async () => {
    (globalThis as Holder)[KEY] = undefined;
    await server.close();
  };
  return { url: server.url, webhookSecret, simulator, close };
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
