// "rule N" in the case names below is rule N of docs/design.md.
import { describe, expect, it } from 'vitest';
import { createTollbooth, type TollboothConfig } from '../src/index';
import { call, testConfig } from './helpers';

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

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not whsec_', 'sk_test_123'],
    ['whitespace only after the prefix', 'whsec_ '],
    ['an empty list', []],
    ['a list with one bad secret', ['whsec_good', 'oops']],
  ])('throws on a webhook secret that is %s', (_, secret) => {
    expect(build({ webhooks: { secret, on: {} } })).toThrow(/whsec_|empty/);
  });

  it('says a missing webhook secret is missing, naming the usual variable', () => {
    expect(build({ webhooks: { secret: undefined, on: {} } })).toThrow(
      /^Tollbooth: webhooks\.secret is missing: set it \(e\.g\. STRIPE_WEBHOOK_SECRET\)/,
    );
  });

  it('accepts several whsec_ secrets and no webhooks at all', () => {
    expect(build({ webhooks: { secret: ['whsec_a', 'whsec_b'], on: {} } })).not.toThrow();
    expect(build({ webhooks: undefined })).not.toThrow();
  });

  it('throws on nonsense limits and a bad basePath', () => {
    expect(build({ maxQuantity: 0 })).toThrow(/maxQuantity/);
    expect(build({ authorizeTimeoutMs: 0 })).toThrow(/authorizeTimeoutMs/);
    expect(build({ basePath: 'api/tollbooth' })).toThrow(/basePath/);
    expect(build({ rateLimit: { 'refunds.create': { limit: 0, windowSeconds: 60 } } })).toThrow(/rateLimit/);
  });

  it('never puts a secret in the startup error', () => {
    try {
      build({ webhooks: { secret: 'sk_live_supersecret', on: {} } })();
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('supersecret');
    }
  });
});
