// "rule N" in the case names below is rule N of docs/design.md.
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../src/index';
import { BASE, errorOf, setup, sign, WHSEC } from './helpers';

const NOW = 1_800_000_000_000;
const nowSeconds = NOW / 1000;

function eventPayload(id = 'evt_1', type = 'checkout.session.completed'): string {
  return JSON.stringify({
    id,
    object: 'event',
    type,
    api_version: '2026-10-28.endive',
    created: nowSeconds,
    data: { object: { id: 'cs_test_1', object: 'checkout.session', metadata: { note: 'café ☕' } } },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  });
}

function webhookRequest(body: string | Uint8Array, signature: string | null): Request {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (signature !== null) headers.set('stripe-signature', signature);
  return new Request(`${BASE}/webhooks`, { method: 'POST', headers, body: body as BodyInit });
}

function webhookSetup(
  handler: (event: { id: string }) => unknown = () => {},
  secret: string | string[] = WHSEC,
) {
  const runs: string[] = [];
  const t = setup({
    now: () => NOW,
    webhooks: {
      secret,
      on: {
        'checkout.session.completed': async (event) => {
          runs.push(event.id);
          await handler(event);
        },
      },
    },
  });
  return { ...t, runs };
}

describe('webhooks (rule 9)', () => {
  it('runs the handler for a valid signature and answers { received: true }', async () => {
    const { tollbooth, runs, recorder } = webhookSetup();
    const body = eventPayload();
    const res = await tollbooth.handle(webhookRequest(body, await sign(body, WHSEC, nowSeconds)));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true });
    expect(runs).toEqual(['evt_1']);
    expect(recorder.calls).toEqual([]);
  });

  it('needs no Origin or JSON content type: the signature is its authorization', async () => {
    const { tollbooth, runs } = webhookSetup();
    const body = eventPayload();
    const req = new Request(`${BASE}/webhooks`, {
      method: 'POST',
      headers: { 'stripe-signature': await sign(body, WHSEC, nowSeconds), 'content-type': 'text/plain' },
      body,
    });
    expect((await tollbooth.handle(req)).status).toBe(200);
    expect(runs).toEqual(['evt_1']);
  });

  it('verifies the exact bytes of a non-ASCII body', async () => {
    const { tollbooth, runs } = webhookSetup();
    const body = eventPayload();
    const bytes = new TextEncoder().encode(body);
    expect(bytes.byteLength).toBeGreaterThan(body.length);
    const res = await tollbooth.handle(webhookRequest(bytes, await sign(body, WHSEC, nowSeconds)));
    expect(res.status).toBe(200);
    expect(runs).toEqual(['evt_1']);
  });

  it('refuses a body that gained a byte-order mark after signing, or carries invalid UTF-8', async () => {
    const { tollbooth, runs } = webhookSetup();
    const body = eventPayload();
    const signature = await sign(body, WHSEC, nowSeconds);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]);
    const bomRes = await tollbooth.handle(webhookRequest(withBom, signature));
    expect(bomRes.status).toBe(400);
    // Stripe signs text; a lone 0xff byte where the signed text had U+FFFD must not verify as that text.
    const replaced = eventPayload().replace('café', 'caf\ufffd');
    const invalid = new TextEncoder().encode(replaced);
    const at = invalid.indexOf(0xef, invalid.indexOf(0x66 /* f */, 40));
    const mangled = new Uint8Array([...invalid.slice(0, at), 0xff, ...invalid.slice(at + 3)]);
    const invalidRes = await tollbooth.handle(
      webhookRequest(mangled, await sign(replaced, WHSEC, nowSeconds)),
    );
    expect(invalidRes.status).toBe(400);
    expect(runs).toEqual([]);
  });

  it.each([
    ['missing', async () => null],
    ['garbage', async () => 'not-a-signature'],
    ['empty v1', async () => `t=${nowSeconds},v1=`],
    ['wrong secret', async (b: string) => sign(b, 'whsec_other', nowSeconds)],
    ['stale (301 s old)', async (b: string) => sign(b, WHSEC, nowSeconds - 301)],
    ['future (301 s ahead)', async (b: string) => sign(b, WHSEC, nowSeconds + 301)],
    ['far future', async (b: string) => sign(b, WHSEC, nowSeconds + 86_400)],
  ])('refuses a %s signature with 400 and runs nothing', async (_, makeSignature) => {
    const { tollbooth, runs, logger } = webhookSetup();
    const body = eventPayload();
    const res = await tollbooth.handle(webhookRequest(body, await makeSignature(body)));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
    expect(runs).toEqual([]);
    const logs = logger.lines.join('\n');
    expect(logs).not.toContain('whsec_');
    expect(logs).not.toContain('cs_test_1');
  });

  it('accepts timestamps within 300 s either way', async () => {
    const { tollbooth, runs } = webhookSetup();
    for (const [i, skew] of [-299, 299].entries()) {
      const body = eventPayload(`evt_skew_${i}`);
      const res = await tollbooth.handle(webhookRequest(body, await sign(body, WHSEC, nowSeconds + skew)));
      expect(res.status).toBe(200);
    }
    expect(runs).toEqual(['evt_skew_0', 'evt_skew_1']);
  });

  it('refuses a re-serialized body', async () => {
    const { tollbooth, runs } = webhookSetup();
    const body = eventPayload();
    const signature = await sign(body, WHSEC, nowSeconds);
    const reserialized = JSON.stringify(JSON.parse(body), null, 2);
    expect((await tollbooth.handle(webhookRequest(reserialized, signature))).status).toBe(400);
    expect(runs).toEqual([]);
  });

  it('accepts any of several secrets while rotating', async () => {
    const { tollbooth, runs } = webhookSetup(() => {}, ['whsec_old', 'whsec_new']);
    const a = eventPayload('evt_old');
    const b = eventPayload('evt_new');
    expect((await tollbooth.handle(webhookRequest(a, await sign(a, 'whsec_old', nowSeconds)))).status).toBe(
      200,
    );
    expect((await tollbooth.handle(webhookRequest(b, await sign(b, 'whsec_new', nowSeconds)))).status).toBe(
      200,
    );
    const c = eventPayload('evt_other');
    expect((await tollbooth.handle(webhookRequest(c, await sign(c, WHSEC, nowSeconds)))).status).toBe(400);
    expect(runs).toEqual(['evt_old', 'evt_new']);
  });

  it('acknowledges a duplicate without running the handler again', async () => {
    const { tollbooth, runs } = webhookSetup();
    const body = eventPayload();
    const signature = await sign(body, WHSEC, nowSeconds);
    expect((await tollbooth.handle(webhookRequest(body, signature))).status).toBe(200);
    expect((await tollbooth.handle(webhookRequest(body, signature))).status).toBe(200);
    expect(runs).toEqual(['evt_1']);
  });

  it('leases the event: nine duplicates during the first run answer 409, a later one 200 without a rerun', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { tollbooth, runs } = webhookSetup(() => gate);
    const body = eventPayload();
    const signature = await sign(body, WHSEC, nowSeconds);
    const first = tollbooth.handle(webhookRequest(body, signature));
    const duplicates = await Promise.all(
      Array.from({ length: 9 }, () => tollbooth.handle(webhookRequest(body, signature))),
    );
    expect(duplicates.map((r) => r.status)).toEqual(Array(9).fill(409));
    expect((await errorOf(duplicates[0] as Response)).code).toBe('conflict');
    release();
    expect((await first).status).toBe(200);
    expect((await tollbooth.handle(webhookRequest(body, signature))).status).toBe(200);
    expect(runs).toEqual(['evt_1']);
  });

  it('a crash mid-handler leaves only the lease: once it lapses, the retry runs the handler', async () => {
    let now = NOW;
    const store = memoryStore({ now: () => now });
    const crashed = setup({
      now: () => now,
      store,
      webhooks: {
        secret: WHSEC,
        leaseSeconds: 30,
        on: { 'checkout.session.completed': () => new Promise(() => {}) },
      },
    });
    const body = eventPayload();
    void crashed.tollbooth.handle(webhookRequest(body, await sign(body, WHSEC, nowSeconds)));
    await new Promise((r) => setTimeout(r, 0));
    // The process is gone; a new one starts on the same store.
    const runs: string[] = [];
    const restarted = setup({
      now: () => now,
      store,
      webhooks: {
        secret: WHSEC,
        leaseSeconds: 30,
        on: { 'checkout.session.completed': (e) => void runs.push(e.id) },
      },
    });
    now += 29_000;
    const early = await restarted.tollbooth.handle(webhookRequest(body, await sign(body, WHSEC, now / 1000)));
    expect(early.status).toBe(409);
    now += 1_000;
    const retry = await restarted.tollbooth.handle(webhookRequest(body, await sign(body, WHSEC, now / 1000)));
    expect(retry.status).toBe(200);
    expect(runs).toEqual(['evt_1']);
    const again = await restarted.tollbooth.handle(webhookRequest(body, await sign(body, WHSEC, now / 1000)));
    expect(again.status).toBe(200);
    expect(runs).toEqual(['evt_1']);
  });

  it('refuses a leaseSeconds that is not a whole number of seconds', () => {
    for (const leaseSeconds of [0, -1, 1.5, 86_401]) {
      expect(() => setup({ webhooks: { secret: WHSEC, leaseSeconds, on: {} } })).toThrow(/leaseSeconds/);
    }
  });

  it('answers 500 when the handler throws, releases the claim, and the retry runs once', async () => {
    let fail = true;
    const { tollbooth, runs, logger } = webhookSetup(() => {
      if (fail) throw new Error('db down; card 4242424242424242');
    });
    const body = eventPayload();
    const signature = await sign(body, WHSEC, nowSeconds);
    const first = await tollbooth.handle(webhookRequest(body, signature));
    expect(first.status).toBe(500);
    expect((await errorOf(first)).code).toBe('internal_error');
    fail = false;
    expect((await tollbooth.handle(webhookRequest(body, signature))).status).toBe(200);
    expect((await tollbooth.handle(webhookRequest(body, signature))).status).toBe(200);
    expect(runs).toEqual(['evt_1', 'evt_1']);
    expect(logger.lines.join('\n')).not.toContain('4242');
  });

  it('acknowledges an unknown event type with 200', async () => {
    const { tollbooth, runs } = webhookSetup();
    const body = eventPayload('evt_2', 'invoice.paid');
    const res = await tollbooth.handle(webhookRequest(body, await sign(body, WHSEC, nowSeconds)));
    expect(res.status).toBe(200);
    expect(runs).toEqual([]);
  });

  it('ignores event types that name Object.prototype members', async () => {
    const { tollbooth, runs } = webhookSetup();
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const body = eventPayload(`evt_${type}`, type);
      const res = await tollbooth.handle(webhookRequest(body, await sign(body, WHSEC, nowSeconds)));
      expect([type, res.status]).toEqual([type, 200]);
    }
    expect(runs).toEqual([]);
  });

  it('answers 413 for a body over 1 MiB, by Content-Length or by counting', async () => {
    const { tollbooth, runs } = webhookSetup();
    const big = 'x'.repeat(1024 * 1024 + 1);
    const res = await tollbooth.handle(webhookRequest(big, await sign(big, WHSEC, nowSeconds)));
    expect(res.status).toBe(413);
    const chunk = new Uint8Array(64 * 1024).fill(120);
    let n = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (n++ < 20) c.enqueue(chunk);
        else c.close();
      },
    });
    const streamed = new Request(`${BASE}/webhooks`, {
      method: 'POST',
      headers: { 'stripe-signature': 't=1,v1=00' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect((await tollbooth.handle(streamed)).status).toBe(413);
    expect(runs).toEqual([]);
  });

  it('answers 404 when webhooks are not configured', async () => {
    const { tollbooth } = setup({ webhooks: undefined });
    const body = eventPayload();
    const res = await tollbooth.handle(webhookRequest(body, await sign(body, WHSEC, nowSeconds)));
    expect(res.status).toBe(404);
  });
});
