// "rule N" in the case names below is rule N of docs/design.md.
import { describe, expect, it } from 'vitest';
import type { AuthorizeFn } from '../src/index';
import { call, errorOf, setup } from './helpers';

const verdicts: Array<[string, () => unknown]> = [
  ['false', () => false],
  ['undefined', () => undefined],
  ['1', () => 1],
  ['"true"', () => 'true'],
  ['{}', () => ({})],
  ['an object with ok: true', () => ({ ok: true })],
  ['a promise of "true"', async () => 'true'],
  [
    'a throw',
    () => {
      throw new Error('policy bug');
    },
  ],
  ['a rejected promise', () => Promise.reject(new Error('db down'))],
  ['an Error object', () => new Error('truthy but not true')],
];

describe('deny by default (rule 1)', () => {
  it.each(verdicts)('a signed-in caller is refused 403 when authorize returns %s', async (_, verdict) => {
    const { tollbooth, recorder, audit } = setup({ authorize: verdict as AuthorizeFn });
    const res = await tollbooth.handle(call('/setup-intents', { body: {}, user: 'u1' }));
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ code: 'forbidden', message: 'You are not allowed to do this.' });
    // Loading the resource (the caller's own customer) may read Stripe; nothing is written.
    expect(recorder.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /v1/customers/search']);
    expect(audit).toMatchObject([
      { action: 'setupIntent.create', userId: 'u1', decision: 'deny', status: 403 },
    ]);
  });

  it.each(verdicts)('an anonymous caller is refused 401 when authorize returns %s', async (_, verdict) => {
    const { tollbooth, recorder } = setup({ authorize: verdict as AuthorizeFn });
    const res = await tollbooth.handle(call('/catalog'));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthenticated');
    expect(recorder.calls).toEqual([]);
  });

  it('denies an authorize that never settles, after authorizeTimeoutMs', async () => {
    const { tollbooth, recorder, logger } = setup({
      authorize: () => new Promise<boolean>(() => {}),
      authorizeTimeoutMs: 20,
    });
    const res = await tollbooth.handle(call('/setup-intents', { body: {}, user: 'u1' }));
    expect(res.status).toBe(403);
    expect(recorder.writes()).toEqual([]);
    expect(logger.lines.join('\n')).toContain('timed out');
  });

  it('grants only on literal true: the action then reaches Stripe', async () => {
    const { tollbooth, recorder, audit } = setup({ authorize: () => true });
    const res = await tollbooth.handle(call('/setup-intents', { body: {}, user: 'u1' }));
    // The test Stripe answers 500, which the kit maps to 502: what matters is that the call was made.
    expect(res.status).toBe(502);
    expect(recorder.writes().map((c) => c.path)).toEqual(['/v1/customers']);
    expect(audit[0]).toMatchObject({ decision: 'allow', outcome: 'upstream_error', status: 502 });
  });

  it('passes the user, the action and the context with the loaded resource to authorize', async () => {
    const seen: unknown[] = [];
    const { tollbooth } = setup({
      authorize: (user, action, context) => {
        seen.push({
          user,
          action,
          input: context.input,
          resource: context.resource,
          isRequest: context.request instanceof Request,
        });
        return false;
      },
    });
    await tollbooth.handle(call('/setup-intents', { body: {}, user: 'u1:customer' }));
    expect(seen).toEqual([
      {
        user: { id: 'u1', email: 'u1@example.test', roles: ['customer'] },
        action: 'setupIntent.create',
        input: {},
        resource: { customer: null },
        isRequest: true,
      },
    ]);
  });

  it('answers 401 without consulting authorize on self-service routes when nobody is signed in', async () => {
    let asked = 0;
    const { tollbooth, recorder } = setup({
      authorize: () => {
        asked++;
        return true;
      },
    });
    const routes: Array<[string, string]> = [
      ['GET', '/payment-methods'],
      ['DELETE', '/payment-methods/pm_123'],
      ['POST', '/payment-methods/pm_123/default'],
      ['POST', '/setup-intents'],
      ['POST', '/portal'],
      ['GET', '/subscriptions'],
      ['POST', '/subscriptions/sub_123/cancel'],
      ['POST', '/subscriptions/sub_123/resume'],
      ['GET', '/invoices'],
      ['GET', '/checkout/cs_test_123'],
      ['POST', '/refunds'],
    ];
    for (const [method, path] of routes) {
      const body = path === '/refunds' ? { paymentIntent: 'pi_123' } : method === 'GET' ? undefined : {};
      const res = await tollbooth.handle(call(path, { method, body }));
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
    expect(asked).toBe(0);
    expect(recorder.calls).toEqual([]);
  });

  it('treats a getUser that throws as a server error, not as anonymous or signed in', async () => {
    const { tollbooth, recorder } = setup({
      getUser: () => {
        throw new Error('session store down sk_live_should_not_leak');
      },
    });
    const res = await tollbooth.handle(call('/catalog'));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('sk_live');
    expect(recorder.calls).toEqual([]);
  });
});

describe('deny before loading (AuthorizeFn.canGrant)', () => {
  it('refuses without a Stripe call or an authorize call when canGrant says no, and asks authorize otherwise', async () => {
    const calls: string[] = [];
    const authorize = Object.assign(
      (_user: unknown, action: string) => {
        calls.push(action);
        return true;
      },
      { canGrant: (_user: unknown, action: string) => action !== 'subscriptions.cancel' },
    );
    const { tollbooth, recorder } = setup({ authorize: authorize as never });
    const res = await tollbooth.handle(call('/subscriptions/sub_1/cancel', { body: {}, user: 'u1' }));
    expect(res.status).toBe(403);
    expect((await tollbooth.handle(call('/subscriptions/sub_1/cancel', { body: {} }))).status).toBe(401);
    expect(recorder.calls).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('refuses before the body is read or a session minted: a refused anonymous creation costs no read and no HMAC', async () => {
    const authorize = Object.assign(() => true, { canGrant: (user: unknown) => user !== null });
    const { tollbooth, recorder } = setup({ authorize: authorize as never });
    let pulled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new TextEncoder().encode('{"items":[{"price":"basic","quantity":1}]}'));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request(call('/payment-intents', { body: {} }), {
      body,
      duplex: 'half',
    } as RequestInit);
    const res = await tollbooth.handle(request);
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(pulled).toBe(false);
    expect(recorder.calls).toEqual([]);
    // A caller who may be granted it has the body read (and refused as invalid, here).
    expect((await tollbooth.handle(call('/payment-intents', { body: {}, user: 'u1' }))).status).toBe(400);
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('x');
      },
    ],
    ['answers a truthy non-true', () => 1],
  ])('a canGrant that %s denies', async (_n, canGrant) => {
    const authorize = Object.assign(() => true, { canGrant });
    const { tollbooth, recorder } = setup({ authorize: authorize as never });
    expect((await tollbooth.handle(call('/invoices', { user: 'u1' }))).status).toBe(403);
    expect(recorder.calls).toEqual([]);
  });
});
