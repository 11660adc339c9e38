import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SIMULATOR_URL,
  type OfflineStripe,
  offlineSimulatorUrl,
  startOfflineStripe,
  withOfflineStripe,
} from '../src/next';
import { PRICES, PRODUCTS } from './helpers';

/** A port nothing listens on right now (the simulator must take it; tests never use fixed ports). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('offlineSimulatorUrl: who gets the simulator', () => {
  it.each([
    ['next dev with no keys', { NODE_ENV: 'development' }, DEFAULT_SIMULATOR_URL],
    ['next dev with a secret key', { NODE_ENV: 'development', STRIPE_SECRET_KEY: 'sk_test_1' }, ''],
    [
      'next dev with a publishable key',
      { NODE_ENV: 'development', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_1' },
      '',
    ],
    ['a production build that did not ask', { NODE_ENV: 'production' }, ''],
    [
      'a production build that asked',
      { NODE_ENV: 'production', TOLLBOOTH_SIMULATOR_URL: 'http://127.0.0.1:4010/' },
      'http://127.0.0.1:4010',
    ],
    [
      'a production build that asked but has keys',
      {
        NODE_ENV: 'production',
        TOLLBOOTH_SIMULATOR_URL: 'http://127.0.0.1:4010',
        STRIPE_SECRET_KEY: 'sk_live_x',
      },
      '',
    ],
  ])('%s', (_, env, expected) => {
    expect(offlineSimulatorUrl(env)).toBe(expected);
  });

  it('refuses a simulator URL that is not loopback http with a port', () => {
    for (const url of ['https://127.0.0.1:4010', 'http://example.com:4010', 'http://127.0.0.1']) {
      expect(() => offlineSimulatorUrl({ TOLLBOOTH_SIMULATOR_URL: url })).toThrow(/TOLLBOOTH_SIMULATOR_URL/);
    }
  });

  it('withOfflineStripe makes the decision a build-time constant and keeps the rest of the config', () => {
    const config = withOfflineStripe({ reactStrictMode: true, env: { A: '1' } }, { NODE_ENV: 'production' });
    expect(config).toEqual({ reactStrictMode: true, env: { A: '1', TOLLBOOTH_SIMULATOR_URL: '' } });
    expect(withOfflineStripe({ env: {} }, { NODE_ENV: 'development' }).env).toEqual({
      TOLLBOOTH_SIMULATOR_URL: DEFAULT_SIMULATOR_URL,
    });
  });
});

describe('startOfflineStripe from instrumentation.ts', () => {
  let running: OfflineStripe | null = null;
  let app: Server | undefined;
  afterEach(async () => {
    await running?.close();
    running = null;
    await new Promise((resolve) => (app ? app.close(resolve) : resolve(undefined)));
    app = undefined;
  });

  it.each([
    ['inside next build', { NEXT_PHASE: 'phase-production-build', NODE_ENV: 'production' }],
    ['in the edge runtime', { NEXT_RUNTIME: 'edge', NODE_ENV: 'development' }],
    ['with Stripe keys', { NODE_ENV: 'development', STRIPE_SECRET_KEY: 'sk_test_real' }],
  ])('starts nothing %s', async (_, env) => {
    const copy: Record<string, string | undefined> = { ...env };
    expect(await startOfflineStripe({ prices: PRICES, env: copy })).toBeNull();
    expect(copy).toEqual(env);
  });

  it('keeps a whsec_ secret the environment gives, so a test can sign events for the app', async () => {
    const env: Record<string, string | undefined> = {
      NODE_ENV: 'development',
      TOLLBOOTH_SIMULATOR_URL: `http://127.0.0.1:${await freePort()}`,
      STRIPE_WEBHOOK_SECRET: 'whsec_given_by_the_test',
    };
    vi.spyOn(console, 'log').mockImplementation(() => {});
    running = await startOfflineStripe({ prices: PRICES, env });
    expect(running?.webhookSecret).toBe('whsec_given_by_the_test');
    expect(env.STRIPE_WEBHOOK_SECRET).toBe('whsec_given_by_the_test');
  });

  it('starts nothing on a production server that did not ask, and says why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const env: Record<string, string | undefined> = { NODE_ENV: 'production' };
    expect(await startOfflineStripe({ prices: PRICES, env })).toBeNull();
    expect(env.STRIPE_SECRET_KEY).toBeUndefined();
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/TOLLBOOTH_SIMULATOR_URL/);
    warn.mockRestore();
  });

  it('starts the simulator once, points stripe-node at it and delivers signed webhooks to the app', async () => {
    const received: Array<{ path: string; body: string; signature: string }> = [];
    app = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body, signature: String(req.headers['stripe-signature']) });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => app?.listen(0, '127.0.0.1', resolve));
    const appPort = (app.address() as AddressInfo).port;
    const port = await freePort();
    const env: Record<string, string | undefined> = {
      NODE_ENV: 'production',
      TOLLBOOTH_SIMULATOR_URL: `http://127.0.0.1:${port}`,
      PORT: String(appPort),
    };
    vi.spyOn(console, 'log').mockImplementation(() => {});
    running = await startOfflineStripe({ prices: PRICES, products: PRODUCTS, basePath: '/api/pay/', env });
    expect(running?.url).toBe(`http://127.0.0.1:${port}`);
    expect(await startOfflineStripe({ prices: PRICES, env })).toBe(running);

    // What the README's `new Stripe(...)` reads from the environment.
    const stripe = new Stripe(env.STRIPE_SECRET_KEY!, {
      host: env.STRIPE_API_HOST,
      port: env.STRIPE_API_PORT,
      protocol: env.STRIPE_API_PROTOCOL as 'http',
      maxNetworkRetries: 0,
    });
    expect(env.STRIPE_WEBHOOK_SECRET).toBe(running?.webhookSecret);
    expect(running?.webhookSecret).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect((await stripe.prices.retrieve('price_basic')).unit_amount).toBe(1500);
    const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
    await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    await running?.simulator.webhooks.flush();

    const succeeded = received.find((r) => r.body.includes('"payment_intent.succeeded"'));
    expect(succeeded?.path).toBe('/api/pay/webhooks');
    const event = await stripe.webhooks.constructEventAsync(
      succeeded!.body,
      succeeded!.signature,
      env.STRIPE_WEBHOOK_SECRET!,
    );
    expect(event.type).toBe('payment_intent.succeeded');
  });
});
