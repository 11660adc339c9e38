/**
 * The pipeline around every action: a broken `getUser` (the Auth.js lesson: an error object is not a user),
 * malformed Idempotency-Keys, a throwing `onAudit`, order totals past Stripe's limit, and the server's own
 * rate limits (429 before any Stripe write).
 */
import type { TollboothUser } from '@tollbooth/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, expectOk, expectRefused } from './support/expect';
import { customerOf, paidIntent } from './support/fixtures';
import { createHarness, type Harness, USERS } from './support/harness';
import { ITEMS } from './support/routes';

/** What the app's `getUser` returns in the next call; `undefined` means "the normal session lookup". */
let override: (() => unknown) | undefined;
let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    config: {
      getUser: (request) => {
        if (override) return override() as TollboothUser | null;
        const session = /(?:^|;\s*)tb_session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
        return (session && USERS[session]) || null;
      },
      onAudit: (entry) => {
        if (entry.action === 'invoices.list') throw new Error(`audit sink down, token sk_test_auditLeak999`);
        if (entry.action === 'subscriptions.list') throw 'audit sink full';
      },
    },
  });
  await customerOf(h, 'alice');
});
afterAll(() => h.close());

describe('getUser returning something that is not a user', () => {
  const values: Array<[string, () => unknown]> = [
    ['an Error object', () => new Error('session expired')],
    ['an empty object', () => ({})],
    ['an empty id', () => ({ id: '' })],
    ['a numeric id', () => ({ id: 42 })],
    ['a bare string', () => 'u_alice'],
    ['true', () => true],
    [
      'a throw carrying a secret',
      () => {
        throw new Error('db password hunter2 / sk_test_getUserLeak123');
      },
    ],
    ['a rejected promise', () => Promise.reject(new Error('auth service down'))],
    [
      'a thrown string',
      () => {
        throw 'no session';
      },
    ],
  ];
  it.each(values)('%s → 500 internal_error, nothing done, nothing leaked', async (_n, value) => {
    override = value;
    try {
      const res = await h.call('paymentMethods.list');
      expectRefused(res, 500, 'internal_error');
      expect(res.text).not.toMatch(/hunter2|session expired|auth service/);
      const write = await h.call('setupIntent.create', { body: {} });
      expectRefused(write, 500, 'internal_error');
    } finally {
      override = undefined;
    }
  });
  it('a user whose roles is a string, not a list, gets no role', async () => {
    const pi = await paidIntent(h, 'alice');
    override = () => ({ id: 'u_alice', roles: 'admin' });
    try {
      expectRefused(await h.call('refunds.create', { body: { paymentIntent: pi } }), 403, 'forbidden');
    } finally {
      override = undefined;
    }
  });
});

describe('Idempotency-Key shape', () => {
  it.each([
    ['with a space', 'two words'],
    ['non-ASCII', 'clé-ü'],
    ['256 characters', 'k'.repeat(256)],
    ['a tab', 'a\tb'],
  ])('a key %s → 400, no Stripe write', async (_n, key) => {
    const res = await h.call('paymentIntent.create', {
      body: { items: ITEMS },
      headers: { 'idempotency-key': key },
    });
    expectBadInput(res, 400, 'invalid_request');
  });
  it('a 255-character printable key is accepted', async () => {
    expectOk(
      await h.call('paymentIntent.create', { body: { items: ITEMS }, idempotencyKey: '~'.repeat(255) }),
    );
  });
});

describe('order totals', () => {
  it('a basket past Stripe’s 999 999.99 limit → 400 before any Stripe write', async () => {
    // 99 × 10 000.00 + 99 × 200.00 = 1 009 800.00 (the same key twice would be refused for another reason).
    const body = {
      items: [
        { price: 'huge', quantity: 99 },
        { price: 'big', quantity: 99 },
      ],
    };
    expectBadInput(await h.call('paymentIntent.create', { body }), 400, 'invalid_request');
  });
});

describe('without onAudit', () => {
  it('actions run as usual', async () => {
    const quiet = await createHarness({ config: { onAudit: undefined } });
    try {
      expectOk(await quiet.call('catalog.read', { as: null }));
    } finally {
      await quiet.close();
    }
  });
});

describe('a throwing onAudit', () => {
  it('does not change the answer, and its error is logged without its message', async () => {
    expectOk(await h.call('invoices.list'));
    expectOk(await h.call('subscriptions.list'));
  });
});

describe('rate limits (the server’s own, before Stripe)', () => {
  let limited: Harness;
  beforeAll(async () => {
    limited = await createHarness({
      config: {
        // One proxy in front appends the client address (without it, every anonymous caller shares one budget).
        trustProxy: 1,
        rateLimit: {
          'paymentIntent.create': { limit: 3, windowSeconds: 60 },
          'catalog.read': { limit: 2, windowSeconds: 60 },
        },
      },
    });
  });
  afterAll(() => limited.close());

  it('the 4th paymentIntent.create in the window → 429, no Stripe write; another user is unaffected', async () => {
    for (let i = 0; i < 3; i++)
      expectOk(await limited.call('paymentIntent.create', { body: { items: ITEMS } }));
    const res = await limited.call('paymentIntent.create', { body: { items: ITEMS } });
    expectRefused(res, 429, 'rate_limited');
    expectOk(await limited.call('paymentIntent.create', { as: 'bob', body: { items: ITEMS } }));
  });
  it('anonymous callers are limited per client address', async () => {
    const from = (ip: string) => ({ as: null, headers: { 'x-forwarded-for': ip } });
    expectOk(await limited.call('catalog.read', from('203.0.113.7')));
    expectOk(await limited.call('catalog.read', from('203.0.113.7')));
    expectRefused(await limited.call('catalog.read', from('203.0.113.7')), 429, 'rate_limited');
    expectOk(await limited.call('catalog.read', from('203.0.113.8')));
  });
});
