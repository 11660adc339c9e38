// "rule N" in the case names below is rule N of docs/design.md.
import { describe, expect, it } from 'vitest';
import { call, setup } from './helpers';

describe('rate limits', () => {
  const body = {};

  it('answers 429 with Retry-After past the limit, per user and action', async () => {
    let now = 1_000_000_000_000;
    const { tollbooth } = setup({
      now: () => now,
      authorize: () => false,
      rateLimit: { 'setupIntent.create': { limit: 2, windowSeconds: 60 } },
    });
    const send = (user: string) => tollbooth.handle(call('/setup-intents', { body, user }));
    expect((await send('u1')).status).toBe(403);
    expect((await send('u1')).status).toBe(403);
    const limited = await send('u1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user has their own budget.
    expect((await send('u2')).status).toBe(403);
    // The next window starts afresh.
    now += 60_000;
    expect((await send('u1')).status).toBe(403);
  });

  it('limits creating actions by default and anonymous callers by client address', async () => {
    const { tollbooth } = setup({ rateLimit: undefined, authorize: () => false });
    // The proxy appends the address it saw; the first hop is whatever the caller claims, here a new one each time.
    const from = (ip: string, claimed = '10.0.0.1') =>
      tollbooth.handle(call('/portal', { body, headers: { 'x-forwarded-for': `${claimed}, ${ip}` } }));
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await from('203.0.113.7', `10.0.0.${i}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await from('198.51.100.1')).status).toBe(401);
    // Reads are not limited by default.
    for (let i = 0; i < 25; i++) expect((await tollbooth.handle(call('/catalog'))).status).toBe(401);
  });

  it('can be turned off for one action or entirely', async () => {
    const one = setup({ rateLimit: { 'portal.create': false }, authorize: () => false });
    for (let i = 0; i < 25; i++)
      expect((await one.tollbooth.handle(call('/portal', { body, user: 'u' }))).status).toBe(403);
    const none = setup({ rateLimit: false, authorize: () => false });
    for (let i = 0; i < 25; i++)
      expect((await none.tollbooth.handle(call('/portal', { body, user: 'u' }))).status).toBe(403);
  });
});

describe('audit (rule 10)', () => {
  it('writes one entry per action request with decision, outcome and status, and no secrets', async () => {
    const { tollbooth, audit } = setup({
      now: () => Date.UTC(2026, 10, 28, 8, 0, 0),
      authorize: () => false,
    });
    const res = await tollbooth.handle(call('/payment-methods/pm_abc', { method: 'DELETE', user: 'u1' }));
    expect(res.status).toBe(404);
    await tollbooth.handle(call('/catalog'));
    expect(audit).toEqual([
      {
        at: '2026-11-28T08:00:00.000Z',
        requestId: res.headers.get('x-request-id'),
        userId: 'u1',
        action: 'paymentMethods.detach',
        resourceId: 'pm_abc',
        decision: 'deny',
        outcome: 'not_found',
        status: 404,
      },
      expect.objectContaining({
        action: 'catalog.read',
        userId: null,
        decision: 'deny',
        outcome: 'unauthenticated',
        status: 401,
      }),
    ]);
  });

  it('survives an onAudit that throws', async () => {
    const { tollbooth } = setup({
      authorize: () => false,
      onAudit: () => {
        throw new Error('audit sink down');
      },
    });
    expect((await tollbooth.handle(call('/catalog'))).status).toBe(401);
  });
});
