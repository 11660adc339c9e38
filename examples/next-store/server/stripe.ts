import Stripe from 'stripe';
import { clockedFetch } from './demo-clock';
import { readMode } from './env';
import { startSimulator } from './simulator';

/** What the browser needs to load Stripe.js: the real one, or the simulator's stand-in. Never a secret. */
export type BrowserStripe =
  | { kind: 'simulator'; publishableKey: string; simulatorUrl: string }
  | { kind: 'stripe'; publishableKey: string };

export interface StripeSetup {
  stripe: Stripe;
  webhookSecret: string;
  browser: BrowserStripe;
}

const KEY = Symbol.for('next-store.stripe');
type Holder = typeof globalThis & { [KEY]?: Promise<StripeSetup> };

/** The Stripe client for this process: Stripe test mode when keys are set, else the local simulator. */
export function getStripeSetup(): Promise<StripeSetup> {
  const holder = globalThis as Holder;
  holder[KEY] ??= create().catch((error: unknown) => {
    holder[KEY] = undefined;
    throw error;
  });
  return holder[KEY];
}

/**
 * `next build`, and the worker processes `next dev` forks to analyse routes, import the route module but never
 * serve a request with it: no simulator (and no port) there.
 */
function analysisOnly(): boolean {
  return (
    process.env.NEXT_PHASE === 'phase-production-build' ||
    process.env.JEST_WORKER_ID !== undefined ||
    /[\\/]jest-worker[\\/]/.test(process.argv[1] ?? '')
  );
}

async function create(): Promise<StripeSetup> {
  const mode = readMode();
  if (mode.kind === 'stripe') {
    return {
      // stripe-node's default is 2 retries in code but 1 in its README: say it.
      stripe: new Stripe(mode.secretKey, { maxNetworkRetries: 2 }),
      webhookSecret: mode.webhookSecret,
      browser: { kind: 'stripe', publishableKey: mode.publishableKey },
    };
  }
  if (analysisOnly()) {
    return {
      stripe: new Stripe('sk_test_simulator', { host: '127.0.0.1', port: 9, protocol: 'http' }),
      webhookSecret: 'whsec_unused_during_build',
      browser: { kind: 'simulator', publishableKey: 'pk_test_simulator', simulatorUrl: 'http://127.0.0.1:9' },
    };
  }
  const simulator = mode.simulatorUrl
    ? {
        url: mode.simulatorUrl.origin,
        port: Number(mode.simulatorUrl.port),
        webhookSecret: mode.webhookSecret ?? '',
      }
    : await startSimulator({ webhookSecret: mode.webhookSecret });
  return {
    stripe: new Stripe('sk_test_simulator', {
      host: mode.simulatorUrl?.hostname ?? '127.0.0.1',
      port: simulator.port,
      protocol: 'http',
      maxNetworkRetries: 2,
      // Each new customer on its own test clock, so the demo's clock control can move its billing on.
      httpClient: Stripe.createFetchHttpClient(clockedFetch()),
    }),
    webhookSecret: simulator.webhookSecret,
    browser: { kind: 'simulator', publishableKey: 'pk_test_simulator', simulatorUrl: simulator.url },
  };
}
