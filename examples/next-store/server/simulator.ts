import type { StripeSimulatorOptions } from '@tollbooth/testing';
import { PRODUCTS, simulatorPriceId } from './catalog';

/** The offline Stripe as the rest of the app needs it. */
export interface RunningSimulator {
  /** Where the simulator listens, e.g. `http://127.0.0.1:41234`; the browser's Stripe.js stand-in calls it too. */
  url: string;
  port: number;
  /** The secret the simulator signs webhooks with (and Tollbooth verifies them with). */
  webhookSecret: string;
}

// Route handlers, pages and instrumentation are separate bundles with separate module instances, and `next dev`
// re-evaluates modules on every edit: one simulator per process lives on globalThis.
const KEY = Symbol.for('next-store.simulator');
type Holder = typeof globalThis & { [KEY]?: Promise<RunningSimulator> };

/**
 * Starts the simulator on 127.0.0.1 once per process and returns it on every later call. Webhooks go to this
 * app's own `/api/tollbooth/webhooks` on the port Next listens on (`next dev`/`next start` set `PORT`).
 */
export function startSimulator(options: { webhookSecret?: string } = {}): Promise<RunningSimulator> {
  const holder = globalThis as Holder;
  holder[KEY] ??= boot(options.webhookSecret).catch((error: unknown) => {
    holder[KEY] = undefined; // let the next request try again instead of caching the failure
    throw error;
  });
  return holder[KEY];
}

async function boot(secret: string | undefined): Promise<RunningSimulator> {
  const { createStripeSimulator } = await import('@tollbooth/testing');
  const webhookSecret = secret ?? `whsec_${randomHex(24)}`;
  const appPort = process.env.PORT ?? '3000';
  const simulator = createStripeSimulator(
    shopSimulator({
      url: `http://127.0.0.1:${appPort}/api/tollbooth/webhooks`,
      secret: webhookSecret as `whsec_${string}`,
    }),
  );
  const server = await simulator.listen(Number(process.env.SIMULATOR_PORT ?? 0));
  console.log(`[next-store] Stripe simulator on ${server.url} (offline mode: no Stripe keys set)`);
  return { url: server.url, port: server.port, webhookSecret };
}

/**
 * The shop's simulator: its products and prices, its branding, webhooks to `webhook`. Also what a simulator
 * run outside the app (`STRIPE_SIMULATOR_URL`, e.g. by the restart tests) is made with.
 */
export function shopSimulator(
  webhook: NonNullable<StripeSimulatorOptions['webhook']>,
): StripeSimulatorOptions {
  return {
    products: PRODUCTS.map((p) => ({ id: `prod_store_${p.key}`, name: p.name, description: p.description })),
    prices: PRODUCTS.map((p) => ({
      id: simulatorPriceId(p.key),
      product: `prod_store_${p.key}`,
      unit_amount: p.unitAmount,
      currency: 'usd',
      ...(p.recurring ? { recurring: p.recurring } : {}),
    })),
    // The hosted pages carry the shop's name and colour, as Stripe's do once branding is set in the Dashboard.
    branding: { name: 'Tollbooth Supply Co.', primaryColor: '#1f4d3a' },
    webhook,
  };
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
