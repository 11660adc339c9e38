// "rule N" in the case names below is rule N of docs/design.md.
import { describe, expect, it } from 'vitest';
import { BASE, call, errorOf, ORIGIN, setup } from './helpers';

describe('routing', () => {
  it('answers 404 not_found for an unknown path, with x-request-id and no-store', async () => {
    const { tollbooth } = setup();
    const res = await tollbooth.handle(call('/nope'));
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: 'not_found', message: 'Not found.' });
    expect(res.headers.get('x-request-id')).toMatch(/^tb_[0-9a-f]{32}$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 404 outside basePath and for a path that only shares its prefix', async () => {
    const { tollbooth } = setup();
    expect((await tollbooth.handle(new Request(`${ORIGIN}/api/other/catalog`))).status).toBe(404);
    expect((await tollbooth.handle(new Request(`${ORIGIN}/api/tollboothcatalog`))).status).toBe(404);
  });

  it('answers 405 with Allow for a wrong method on a known route', async () => {
    const { tollbooth } = setup();
    const res = await tollbooth.handle(call('/catalog', { method: 'POST', body: {} }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect((await errorOf(res)).code).toBe('method_not_allowed');
    const webhookGet = await tollbooth.handle(new Request(`${BASE}/webhooks`));
    expect(webhookGet.status).toBe(405);
  });

  it('answers bad percent-encoding in a path id with 404, never 500', async () => {
    const { tollbooth, recorder } = setup();
    for (const bad of ['%E0%A4%A', '%', '%zz', 'pm_1%2F..%2F']) {
      const res = await tollbooth.handle(call(`/payment-methods/${bad}`, { method: 'DELETE', user: 'u1' }));
      expect([400, 404]).toContain(res.status);
    }
    expect(recorder.calls).toEqual([]);
  });

  it('honours a custom basePath', async () => {
    const { tollbooth } = setup({ basePath: '/pay/' });
    expect(tollbooth.basePath).toBe('/pay');
    const res = await tollbooth.handle(new Request(`${ORIGIN}/pay/nope`));
    expect(res.status).toBe(404);
  });
});

describe('CSRF (rule 6)', () => {
  const write = { items: [{ price: 'basic', quantity: 1 }] };

  it.each([
    ['missing', null],
    ['null', 'null'],
    ['foreign', 'https://evil.test'],
    ['look-alike', 'https://shop.test.evil.test'],
    ['other scheme', 'http://shop.test'],
    ['with a path', 'https://shop.test/'],
  ])('refuses a %s Origin with 403 before reading the body or calling Stripe', async (_, origin) => {
    const { tollbooth, recorder, audit } = setup();
    const res = await tollbooth.handle(call('/checkout', { body: write, origin, user: 'u1' }));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
    expect(recorder.calls).toEqual([]);
    expect(audit[0]?.decision).toBe('deny');
  });

  it.each([
    ['missing', null],
    ['text/plain', 'text/plain'],
    ['form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['json look-alike', 'application/jsonp'],
  ])('refuses a %s content type with 415', async (_, contentType) => {
    const { tollbooth, recorder } = setup();
    const res = await tollbooth.handle(
      call('/checkout', { body: JSON.stringify(write), contentType, user: 'u1' }),
    );
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('unsupported_media_type');
    expect(recorder.calls).toEqual([]);
  });

  it('requires JSON and Origin on DELETE too, body or not', async () => {
    const { tollbooth } = setup();
    const noType = new Request(`${BASE}/payment-methods/pm_123`, {
      method: 'DELETE',
      headers: { origin: ORIGIN, 'x-test-user': 'u1' },
    });
    expect((await tollbooth.handle(noType)).status).toBe(415);
    const noOrigin = new Request(`${BASE}/payment-methods/pm_123`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json', 'x-test-user': 'u1' },
    });
    expect((await tollbooth.handle(noOrigin)).status).toBe(403);
  });

  it('accepts an origin listed in `origins` and JSON with a charset', async () => {
    const { tollbooth } = setup({ origins: ['https://www.shop.test'], authorize: () => false });
    const res = await tollbooth.handle(
      call('/setup-intents', {
        body: {},
        origin: 'https://www.shop.test',
        contentType: 'application/json; charset=utf-8',
        user: 'u1',
      }),
    );
    // Past CSRF, the deny-by-default authorize answers.
    expect(res.status).toBe(403);
  });

  it('rejects malformed origins in config at startup', async () => {
    expect(() => setup({ origins: ['shop.test'] })).toThrow(/origins/);
    expect(() => setup({ origins: ['https://shop.test/path'] })).toThrow(/origins/);
  });
});

describe('bounded input (rule 7) and body parsing', () => {
  it('answers 413 for a JSON body over 16 KiB, by Content-Length, before reading it', async () => {
    const { tollbooth, recorder } = setup();
    const big = JSON.stringify({ items: [{ price: 'basic', quantity: 1 }], pad: 'x'.repeat(17 * 1024) });
    const res = await tollbooth.handle(call('/checkout', { body: big, user: 'u1' }));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
    expect(recorder.calls).toEqual([]);
  });

  it('answers 413 from a Content-Length over the limit without reading the body', async () => {
    const { tollbooth } = setup();
    let read = false;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          read = true;
          controller.enqueue(new TextEncoder().encode('{}'));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const req = new Request(`${BASE}/checkout`, {
      method: 'POST',
      headers: {
        origin: ORIGIN,
        'content-type': 'application/json',
        'x-test-user': 'u1',
        'content-length': '16385',
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect((await tollbooth.handle(req)).status).toBe(413);
    expect(read).toBe(false);
  });

  it('answers 413 when a streamed body without Content-Length grows past 16 KiB', async () => {
    const { tollbooth } = setup();
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 100) controller.close();
        else controller.enqueue(new Uint8Array(1024).fill(32));
      },
    });
    const req = new Request(`${BASE}/checkout`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', 'x-test-user': 'u1' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(req.headers.get('content-length')).toBeNull();
    const res = await tollbooth.handle(req);
    expect(res.status).toBe(413);
    // It stopped reading soon after the limit instead of buffering everything.
    expect(pulled).toBeLessThan(40);
  });

  it('answers 413 when Content-Length understates a larger body', async () => {
    const { tollbooth } = setup();
    const req = new Request(`${BASE}/checkout`, {
      method: 'POST',
      headers: {
        origin: ORIGIN,
        'content-type': 'application/json',
        'x-test-user': 'u1',
        'content-length': '10',
      },
      body: 'x'.repeat(20 * 1024),
    });
    expect((await tollbooth.handle(req)).status).toBe(413);
  });

  it.each([
    ['malformed JSON', '{"items": ['],
    ['a top-level array', '[]'],
    ['a string', '"hi"'],
    ['null', 'null'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d])],
  ])('answers 400 for %s', async (_, body) => {
    const { tollbooth, recorder } = setup();
    const req = new Request(`${BASE}/checkout`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', 'x-test-user': 'u1' },
      body,
    });
    const res = await tollbooth.handle(req);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
    expect(recorder.calls).toEqual([]);
  });
});
