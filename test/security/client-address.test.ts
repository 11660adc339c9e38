/**
 * "Customers and stores": anonymous rate limits key on an address only a proxy the app names (`trustProxy`) can
 * vouch for. A direct client rotating `x-forwarded-for`, `x-real-ip` or its IPv6 interface id gets no fresh
 * budget, and a ceiling on all anonymous creations together holds even when every address is genuinely new
 * (card testing rotates real addresses).
 */
import type { TollboothConfig } from '@tollbooth/server';
import { afterAll, describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from './support/expect';
import { record } from './support/figures';
import {
  type CallOptions,
  type CallResult,
  createHarness,
  defaultAuthorize,
  type Harness,
} from './support/harness';
import { ITEMS } from './support/routes';

/**
 * The middle of the current minute, held still: every rate-limit window of a case is the same window, so no case
 * can straddle a window boundary (timing never decides a result).
 */
const pinned = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
const now = () => pinned;

const LIMIT = 3;
const harnesses: Harness[] = [];
afterAll(() => Promise.all(harnesses.map((x) => x.close())));

/** A guest shop (anonymous PaymentIntents allowed), 3 anonymous PaymentIntents per address per minute. */
async function guestShop(config: Partial<TollboothConfig> = {}): Promise<Harness> {
  const h = await createHarness({
    authorize: (...args) =>
      (args[0] === null && args[1] === 'paymentIntent.create') || defaultAuthorize(...args),
    config: { now, rateLimit: { 'paymentIntent.create': { limit: LIMIT, windowSeconds: 60 } }, ...config },
  });
  harnesses.push(h);
  return h;
}

/** Sends `n` anonymous PaymentIntent requests, the i-th with `headers(i)`; returns the successes. */
async function burst(
  h: Harness,
  n: number,
  headers: (i: number) => Record<string, string>,
): Promise<CallResult[]> {
  const ok: CallResult[] = [];
  for (let i = 0; i < n; i++) {
    const options: CallOptions = { as: null, body: { items: ITEMS }, headers: headers(i) };
    const res = await h.call('paymentIntent.create', options);
    if (res.status === 200) ok.push(res);
    else expectRefused(res, 429, 'rate_limited');
  }
  return ok;
}

const N = 12;
const v4 = (i: number) => `198.51.100.${i + 1}`;

describe('no proxy named (the default): client-set headers give no fresh budget', () => {
  const rotations: Array<[string, (i: number) => Record<string, string>]> = [
    ['x-forwarded-for rotated', (i) => ({ 'x-forwarded-for': v4(i) })],
    ['the last x-forwarded-for hop rotated', (i) => ({ 'x-forwarded-for': `203.0.113.9, ${v4(i)}` })],
    ['x-real-ip rotated', (i) => ({ 'x-real-ip': v4(i) })],
    ['both rotated', (i) => ({ 'x-forwarded-for': v4(i), 'x-real-ip': v4(i + 50) })],
    ['forwarded (RFC 7239) rotated', (i) => ({ forwarded: `for=${v4(i)}` })],
  ];
  it.each(rotations)('%s: at most the limit succeeds', async (label, headers) => {
    const h = await guestShop();
    const ok = await burst(h, N, headers);
    if (ok.length > LIMIT) record('limitDodged', `${label}: ${ok.length} of ${N} passed a limit of ${LIMIT}`);
    expect(ok.length).toBeLessThanOrEqual(LIMIT);
  });
});

describe('trustProxy: 1 (one proxy appends the client address)', () => {
  it('rotating the hops the client sent in front of the proxy’s gives no fresh budget', async () => {
    const h = await guestShop({ trustProxy: 1 } as Partial<TollboothConfig>);
    const ok = await burst(h, N, (i) => ({ 'x-forwarded-for': `${v4(i)}, 192.0.2.77` }));
    if (ok.length > LIMIT) record('limitDodged', `spoofed leading hops: ${ok.length} of ${N}`);
    expect(ok.length).toBeLessThanOrEqual(LIMIT);
  });

  it('two real addresses get a budget each (positive control)', async () => {
    const h = await guestShop({ trustProxy: 1 } as Partial<TollboothConfig>);
    expect(await burst(h, 4, () => ({ 'x-forwarded-for': '192.0.2.1' }))).toHaveLength(LIMIT);
    expect(await burst(h, 4, () => ({ 'x-forwarded-for': '192.0.2.2' }))).toHaveLength(LIMIT);
  });

  const sixty4: Array<[string, (i: number) => string]> = [
    ['interface ids in one /64', (i) => `2001:db8:1:2::${(i + 1).toString(16)}`],
    ['full-form interface ids', (i) => `2001:0db8:0001:0002:${(i + 1).toString(16)}:0:0:1`],
    ['upper case and zero runs', (i) => `2001:DB8:1:2:0:0:${(i + 1).toString(16)}:0`],
    ['bracketed, with a zone', (i) => `[2001:db8:1:2::${(i + 7).toString(16)}%eth0]`],
  ];
  it.each(sixty4)('IPv6 %s count as one address', async (label, address) => {
    const h = await guestShop({ trustProxy: 1 } as Partial<TollboothConfig>);
    const ok = await burst(h, N, (i) => ({ 'x-forwarded-for': address(i) }));
    if (ok.length > LIMIT) record('limitDodged', `IPv6 ${label}: ${ok.length} of ${N}`);
    expect(ok.length).toBeLessThanOrEqual(LIMIT);
  });

  it('IPv4-mapped IPv6 is the IPv4 address', async () => {
    const h = await guestShop({ trustProxy: 1 } as Partial<TollboothConfig>);
    const ok = await burst(h, N, (i) => ({ 'x-forwarded-for': i % 2 ? '192.0.2.5' : '::ffff:192.0.2.5' }));
    if (ok.length > LIMIT) record('limitDodged', `IPv4-mapped: ${ok.length} of ${N}`);
    expect(ok.length).toBeLessThanOrEqual(LIMIT);
  });

  it('another /64 is another address (positive control)', async () => {
    const h = await guestShop({ trustProxy: 1 } as Partial<TollboothConfig>);
    expect(await burst(h, 4, () => ({ 'x-forwarded-for': '2001:db8:1:2::1' }))).toHaveLength(LIMIT);
    expect(await burst(h, 4, () => ({ 'x-forwarded-for': '2001:db8:1:3::1' }))).toHaveLength(LIMIT);
  });
});

describe('trustProxy as a function (the platform’s own header)', () => {
  it('the address it returns is the subject; x-forwarded-for is ignored', async () => {
    const h = await guestShop({
      trustProxy: (request: Request) => request.headers.get('x-platform-client-ip'),
    } as Partial<TollboothConfig>);
    const ok = await burst(h, N, (i) => ({ 'x-platform-client-ip': '192.0.2.9', 'x-forwarded-for': v4(i) }));
    if (ok.length > LIMIT) record('limitDodged', `function trustProxy: ${ok.length} of ${N}`);
    expect(ok.length).toBeLessThanOrEqual(LIMIT);
  });
});

describe('the ceiling on all anonymous creations together', () => {
  it('every request from a genuinely new address: at most the ceiling succeeds', async () => {
    const ceiling = 5;
    const h = await guestShop({
      trustProxy: 1,
      rateLimit: {
        'paymentIntent.create': { limit: LIMIT, windowSeconds: 60 },
        'checkout.create': { limit: LIMIT, windowSeconds: 60 },
        anonymous: { limit: ceiling, windowSeconds: 60 },
      },
    } as Partial<TollboothConfig>);
    const ok = await burst(h, 20, (i) => ({ 'x-forwarded-for': v4(i) }));
    if (ok.length > ceiling)
      record('limitDodged', `ceiling: ${ok.length} of 20 passed a ceiling of ${ceiling}`);
    expect(ok.length).toBe(ceiling);
    // Signed-in users are not anonymous: the ceiling leaves them alone.
    expectOk(await h.call('paymentIntent.create', { body: { items: ITEMS } }));
  });

  it('is on by default', async () => {
    const h = await guestShop({
      trustProxy: 1,
      rateLimit: { 'paymentIntent.create': { limit: 1000, windowSeconds: 60 } },
    } as Partial<TollboothConfig>);
    const n = 150;
    const ok = await burst(h, n, (i) => ({ 'x-forwarded-for': `10.${i >> 8}.${i & 255}.1` }));
    if (ok.length >= n) record('limitDodged', `default ceiling: all ${n} rotated addresses passed`);
    expect(ok.length).toBeLessThan(n);
  });
});
