import { type CatalogKey, PRODUCTS, simulatorPriceId } from './catalog';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * How the store talks to Stripe, read once from the environment. With no Stripe keys it runs offline on the
 * simulator; with all three it runs on Stripe test mode. Half a configuration is a startup error, not a guess.
 */
export type StoreMode =
  | {
      kind: 'simulator';
      webhookSecret: string | undefined;
      /**
       * A simulator that is already running (`STRIPE_SIMULATOR_URL`), shared by instances and outliving restarts;
       * unset, the app starts its own, which lives and dies with the process.
       */
      simulatorUrl?: URL;
    }
  | { kind: 'stripe'; secretKey: string; publishableKey: string; webhookSecret: string };

export function readMode(env: Env = process.env): StoreMode {
  const secretKey = env.STRIPE_SECRET_KEY;
  const publishableKey = env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET || undefined;
  if (!secretKey && !publishableKey) return { kind: 'simulator', webhookSecret, ...simulatorAt(env) };
  const missing = [
    !secretKey && 'STRIPE_SECRET_KEY',
    !publishableKey && 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY',
    !webhookSecret && 'STRIPE_WEBHOOK_SECRET',
  ].filter(Boolean);
  if (missing.length > 0 || !secretKey || !publishableKey || !webhookSecret) {
    throw new Error(
      `next-store: Stripe test mode needs ${missing.join(', ')} as well (or unset all keys to run offline).`,
    );
  }
  if (!secretKey.startsWith('sk_test_') && !secretKey.startsWith('rk_test_')) {
    throw new Error('next-store: this demo only runs with test-mode keys (sk_test_… or rk_test_…).');
  }
  return { kind: 'stripe', secretKey, publishableKey, webhookSecret };
}

/** `STRIPE_SIMULATOR_URL`, checked: the app cannot verify that simulator's events without its secret. */
function simulatorAt(env: Env): { simulatorUrl?: URL } {
  const raw = env.STRIPE_SIMULATOR_URL;
  if (!raw) return {};
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url?.protocol !== 'http:' || !url.port) {
    throw new Error(`next-store: STRIPE_SIMULATOR_URL must be http://host:port, got "${raw}".`);
  }
  if (!env.STRIPE_WEBHOOK_SECRET) {
    throw new Error(
      'next-store: STRIPE_SIMULATOR_URL needs STRIPE_WEBHOOK_SECRET, the secret it signs events with.',
    );
  }
  return { simulatorUrl: url };
}

/** Catalog keys to price ids: the simulator's, or the test-mode ids named by STRIPE_PRICE_* variables. */
export function catalogPrices(mode: StoreMode, env: Env = process.env): Record<CatalogKey, string> {
  const entries = PRODUCTS.map((p) => {
    if (mode.kind === 'simulator') return [p.key, simulatorPriceId(p.key)] as const;
    const id = env[p.env];
    if (!id) throw new Error(`next-store: set ${p.env} to the id of a test-mode price for "${p.name}".`);
    return [p.key, id] as const;
  });
  return Object.fromEntries(entries) as Record<CatalogKey, string>;
}

/**
 * The store's public origins for Tollbooth's `origins`: `PUBLIC_ORIGINS` (comma-separated), else the two names of
 * the port the scripts listen on. Tollbooth never takes its public origin from the Host header.
 */
export function publicOrigins(env: Env = process.env): string[] {
  const listed = env.PUBLIC_ORIGINS?.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const port = env.PORT || '3000';
  return listed && listed.length > 0 ? listed : [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}
