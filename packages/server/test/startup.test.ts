// "rule N" in the case names below is rule N of docs/design.md.
import { describe, expect, it, vi } from 'vitest';
import { createTollbooth, type TollboothConfig } from '../src/index';
import { call, captureLogger, testConfig } from './helpers';

function build(overrides: Record<string, unknown>) {
  const { config } = testConfig();
  return () => createTollbooth({ ...config, ...overrides } as TollboothConfig);
}

describe('startup checks (rule 11)', () => {
  it('throws without authorize', () => {
    expect(build({ authorize: undefined })).toThrow(/authorize is required/);
  });

  it('throws without getUser', () => {
    expect(build({ getUser: undefined })).toThrow(/getUser is required/);
  });

  it('throws without a Stripe instance', () => {
    expect(build({ stripe: undefined })).toThrow(/stripe/);
  });

  it('throws on an empty catalog, as a list or a record', () => {
    expect(build({ catalog: { prices: [] } })).toThrow(/catalog is empty/);
    expect(build({ catalog: { prices: {} } })).toThrow(/catalog is empty/);
    expect(build({ catalog: undefined })).toThrow(/catalog/);
  });

  it('allows an empty catalog only with checkout and payment intents disabled, whose routes then answer 404', async () => {
    expect(build({ catalog: { prices: [] }, disabledActions: ['checkout.create'] })).toThrow(
      /catalog is empty/,
    );
    const tollbooth = build({
      catalog: { prices: [] },
      disabledActions: ['checkout.create', 'paymentIntent.create'],
    })();
    const res = await tollbooth.handle(
      call('/checkout', { body: { items: [{ price: 'x', quantity: 1 }] }, user: 'u1' }),
    );
    expect(res.status).toBe(404);
    expect(build({ disabledActions: ['nope.read'] })).toThrow(/unknown action/);
  });

  it('throws on catalog entries that are not price ids, bad keys or duplicates', () => {
    expect(build({ catalog: { prices: [''] } })).toThrow(/price id/);
    expect(build({ catalog: { prices: { 'bad key': 'price_1' } } })).toThrow(/catalog key/);
    expect(build({ catalog: { prices: ['price_1', 'price_1'] } })).toThrow(/twice/);
    expect(build({ catalog: { prices: { a: 'price_1', b: 'price_1' } } })).toThrow(/twice/);
  });

  /** The first request's answer: the environment's part of the config is checked there. */
  async function firstRequest(overrides: Record<string, unknown>, path = '/catalog') {
    const res = await build(overrides)().handle(call(path));
    return { status: res.status, error: (await res.json()).error as { code: string; message: string } };
  }

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not whsec_', 'sk_test_123'],
    ['whitespace only after the prefix', 'whsec_ '],
    ['an empty list', []],
    ['a list with one bad secret', ['whsec_good', 'oops']],
  ])(
    'a webhook secret that is %s: no throw at import, a 500 on every route at the first request',
    async (_, secret) => {
      // `next build` evaluates the route module with no secrets in the environment: that must not throw.
      expect(build({ webhooks: { secret, on: {} } })).not.toThrow();
      for (const path of ['/catalog', '/webhooks']) {
        const { status, error } = await firstRequest({ webhooks: { secret, on: {} } }, path);
        expect(status).toBe(500);
        expect(error.code).toBe('internal_error');
        expect(error.message).toMatch(/whsec_|empty/);
      }
    },
  );

  it('says a missing webhook secret is missing, naming the usual variable, and logs it', async () => {
    const logger = captureLogger();
    const { error } = await firstRequest({ webhooks: { secret: undefined, on: {} }, logger });
    expect(error.message).toMatch(
      /^Tollbooth: webhooks\.secret is missing: set it \(e\.g\. STRIPE_WEBHOOK_SECRET\)/,
    );
    expect(logger.lines.join('\n')).toContain('webhooks.secret is missing');
  });

  it('still throws at once on a webhooks.on that is not an object (code, not environment)', () => {
    expect(build({ webhooks: { secret: undefined, on: null } })).toThrow(/webhooks\.on/);
  });

  it('accepts several whsec_ secrets and no webhooks at all', async () => {
    expect(build({ webhooks: { secret: ['whsec_a', 'whsec_b'], on: {} } })).not.toThrow();
    expect(build({ webhooks: undefined })).not.toThrow();
    expect((await firstRequest({ webhooks: { secret: ['whsec_a', 'whsec_b'], on: {} } })).status).not.toBe(
      500,
    );
  });

  it('takes stripe as a function, called once at the first request', async () => {
    const { config } = testConfig();
    let calls = 0;
    const tollbooth = createTollbooth({
      ...config,
      stripe: () => {
        calls += 1;
        return config.stripe;
      },
    } as TollboothConfig);
    expect(calls).toBe(0);
    await tollbooth.handle(call('/catalog'));
    await tollbooth.handle(call('/catalog'));
    expect(calls).toBe(1);
  });

  it('a stripe function that throws (no key yet) fails closed without echoing its error', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { status, error } = await firstRequest({
      stripe: () => {
        throw new Error('Neither apiKey nor config.authenticator provided sk_test_leak');
      },
    });
    spy.mockRestore();
    expect(status).toBe(500);
    expect(error.message).toMatch(/config\.stripe\(\) threw/);
    expect(error.message).not.toContain('sk_test_leak');
    expect(build({ stripe: () => undefined })).not.toThrow();
    expect((await firstRequest({ stripe: () => undefined })).error.message).toMatch(/config\.stripe/);
  });

  it('throws on nonsense limits and a bad basePath', () => {
    expect(build({ maxQuantity: 0 })).toThrow(/maxQuantity/);
    expect(build({ authorizeTimeoutMs: 0 })).toThrow(/authorizeTimeoutMs/);
    expect(build({ basePath: 'api/tollbooth' })).toThrow(/basePath/);
    expect(build({ rateLimit: { 'refunds.create': { limit: 0, windowSeconds: 60 } } })).toThrow(/rateLimit/);
  });

  it('never puts a secret in the startup error', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { error } = await firstRequest({ webhooks: { secret: 'sk_live_supersecret', on: {} } });
    spy.mockRestore();
    expect(error.message).toMatch(/whsec_/);
    expect(error.message).not.toContain('supersecret');
  });
});
