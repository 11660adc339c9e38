/**
 * Rule 11 of docs/design.md (a missing or malformed piece is a startup error, not an open door) and the built
 * client bundles scanned for secrets.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTollbooth, type RbacPolicy, rbac, type TollboothConfig } from '@tollbooth/server';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { artefact, record } from './support/figures';
import { defaultAuthorize, SECRET_KEY, WEBHOOK_SECRET } from './support/harness';
import { findLeaks, scan } from './support/leaks';

const stripe = new Stripe(SECRET_KEY, { host: '127.0.0.1', port: 9, protocol: 'http', maxNetworkRetries: 0 });
const base = (): TollboothConfig => ({
  stripe,
  getUser: () => null,
  authorize: defaultAuthorize,
  catalog: { prices: ['price_basic'] },
});

/** Runs `createTollbooth` and returns its error; the message must be clear and must not echo a secret. */
function startupError(config: unknown): Error | undefined {
  try {
    createTollbooth(config as TollboothConfig);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

describe('startup checks', () => {
  const broken: Array<[string, () => unknown, RegExp]> = [
    ['no authorize', () => ({ ...base(), authorize: undefined }), /authorize/i],
    ['authorize that is not a function', () => ({ ...base(), authorize: true }), /authorize/i],
    ['no getUser', () => ({ ...base(), getUser: undefined }), /getUser/i],
    ['no stripe', () => ({ ...base(), stripe: undefined }), /stripe/i],
    ['an empty catalog list', () => ({ ...base(), catalog: { prices: [] } }), /catalog/i],
    ['an empty catalog record', () => ({ ...base(), catalog: { prices: {} } }), /catalog/i],
    ['no catalog', () => ({ ...base(), catalog: undefined }), /catalog/i],
    [
      'a webhook secret that is an API key',
      () => ({ ...base(), webhooks: { secret: 'sk_test_notAWebhookSecret123', on: {} } }),
      /whsec_/,
    ],
    ['an empty webhook secret', () => ({ ...base(), webhooks: { secret: '', on: {} } }), /whsec_/],
    [
      'an undefined webhook secret (unset env var)',
      () => ({ ...base(), webhooks: { secret: undefined, on: {} } }),
      /whsec_|secret/i,
    ],
    [
      'an empty list of webhook secrets',
      () => ({ ...base(), webhooks: { secret: [], on: {} } }),
      /whsec_|secret/i,
    ],
    [
      'one bad secret among good ones',
      () => ({ ...base(), webhooks: { secret: [WEBHOOK_SECRET, 'whsec'], on: {} } }),
      /whsec_/,
    ],
    ['a bare prefix whsec_', () => ({ ...base(), webhooks: { secret: 'whsec_', on: {} } }), /whsec_/],
    ['an origin with a path', () => ({ ...base(), origins: ['https://shop.example.com/app'] }), /origin/i],
    ['an origin that is not a URL', () => ({ ...base(), origins: ['shop.example.com'] }), /origin/i],
    ['a wildcard origin', () => ({ ...base(), origins: ['*'] }), /origin/i],
    ['an origin with another scheme', () => ({ ...base(), origins: ['ftp://shop.example.com'] }), /origin/i],
    ['an origin with a query', () => ({ ...base(), origins: ['https://shop.example.com?x=1'] }), /origin/i],
  ];
  it.each(broken)('%s → a clear startup error', (_n, make, mentions) => {
    const error = startupError(make());
    if (!error) record('unauthorizedSuccess', `createTollbooth accepted a config with ${_n}`);
    expect(error, 'createTollbooth must throw').toBeInstanceOf(Error);
    expect(error?.message).toMatch(mentions);
    // The error names the problem, never the secret that caused it.
    expect(error?.message).not.toContain('sk_test_notAWebhookSecret123');
    expect(findLeaks(error?.message ?? '')).toEqual([]);
  });
  it('a complete config starts (positive control)', () => {
    expect(startupError({ ...base(), webhooks: { secret: WEBHOOK_SECRET, on: {} } })).toBeUndefined();
  });
  it('http and https origins, with or without a trailing slash, are accepted', () => {
    const origins = ['http://localhost:3000', 'https://shop.example.com/'];
    expect(startupError({ ...base(), origins })).toBeUndefined();
  });
});

describe('rbac() refuses a policy it cannot read, at startup', () => {
  it.each([
    ['no policy', null],
    ['a policy that is a list', ['*']],
    ['a typo in an action', { customer: ['paymentMethod.list'] }],
    ['a typo in a namespace wildcard', { customer: ['payments.*'] }],
    ['a prefix wildcard', { customer: ['payment*'] }],
    ['a typo in a conditioned action', { support: { 'refund.create': () => true } }],
  ])('%s → throws', (_n, policy) => {
    expect(() => rbac(policy as RbacPolicy)).toThrow(/rbac/);
  });
});

describe('built client bundles', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const dirs = [
    ...(existsSync(join(root, 'packages'))
      ? readdirSync(join(root, 'packages')).map((p) => join('packages', p, 'dist'))
      : []),
    join('examples', 'next-store', '.next', 'static'),
  ];

  function files(dir: string): string[] {
    const out: string[] = [];
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) out.push(...files(path));
      else if (/\.(?:m?js|cjs|css|html|json|map|txt)$/.test(name)) out.push(path);
    }
    return out;
  }

  it.each(dirs)('%s holds no key, webhook secret or client secret', (dir) => {
    const full = join(root, dir);
    const present = existsSync(full);
    const list = present ? files(full) : [];
    artefact(present ? `${dir} (${list.length} files)` : dir, present);
    for (const file of list) {
      const text = readFileSync(file, 'utf8');
      // Bundles are code: error class names and paths in source maps are expected there; secrets are not.
      const findings = scan(
        'bundle files',
        relative(root, file),
        text,
        undefined,
        /^(?:secret key|restricted key|webhook secret|client secret)/,
      );
      expect(findings, relative(root, file)).toEqual([]);
    }
  });
});
