import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPagesHandler, createRouteHandlers, type TollboothHandler } from '@tollbooth/server/next';
import type { NextApiRequest, NextApiResponse } from 'next';
import { afterEach, describe, expect, it } from 'vitest';
import { errorOf, setup } from './helpers';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** A stand-in for `createTollbooth(...)`: records what reached `handle` and answers with a fixed response. */
function fakeTollbooth(response: () => Response = () => Response.json({ ok: true }), basePath?: string) {
  const seen: Seen[] = [];
  const tollbooth: TollboothHandler & { seen: Seen[] } = {
    seen,
    basePath,
    async handle(request) {
      const body = new Uint8Array(await request.arrayBuffer());
      seen.push({
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers),
        body,
      });
      return response();
    },
  };
  return tollbooth;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Serves a Pages handler over real HTTP; `bodyParser` mimics Next's default parser having run first. */
async function serve(tollbooth: TollboothHandler, options: { bodyParser?: boolean } = {}): Promise<string> {
  const handler = createPagesHandler(tollbooth);
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const apiReq = req as NextApiRequest;
    if (options.bodyParser) {
      let text = '';
      for await (const chunk of req) text += chunk;
      apiReq.body = req.headers['content-type'] === 'application/json' ? JSON.parse(text || '{}') : text;
    }
    await handler(apiReq, res as NextApiResponse);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createRouteHandlers', () => {
  it('gives GET, POST and DELETE that pass the very Request to handle and return its Response', async () => {
    const answer = Response.json({ hello: 'world' }, { status: 201 });
    const received: Request[] = [];
    const { GET, POST, DELETE } = createRouteHandlers({
      handle: async (request) => {
        received.push(request);
        return answer;
      },
    });
    const requests = [
      new Request('http://shop.test/api/tollbooth/catalog'),
      new Request('http://shop.test/api/tollbooth/checkout', { method: 'POST', body: '{}' }),
      new Request('http://shop.test/api/tollbooth/payment-methods/pm_1', { method: 'DELETE' }),
    ] as const;
    expect(await GET(requests[0])).toBe(answer);
    expect(await POST(requests[1])).toBe(answer);
    expect(await DELETE(requests[2])).toBe(answer);
    expect(received).toEqual([...requests]);
    expect(received[1]).toBe(requests[1]);
  });
});

describe('createRouteHandlers: the public origin comes from `origins`', () => {
  it('passes the Request on as Next built it: the Host header does not rebuild the URL, the raw body is kept', async () => {
    const tollbooth = fakeTollbooth();
    const { POST } = createRouteHandlers(tollbooth);
    const raw = '{ "id": "evt_1", "name": "Zoë" }';
    const request = new Request('http://localhost:3000/api/tollbooth/webhooks?x=1', {
      method: 'POST',
      headers: { host: 'evil.example', 'stripe-signature': 't=1,v1=abc', 'content-type': 'application/json' },
      body: raw,
    });
    expect((await POST(request)).status).toBe(200);
    const seen = tollbooth.seen[0]!;
    expect(seen.url).toBe('http://localhost:3000/api/tollbooth/webhooks?x=1');
    expect(seen.headers['stripe-signature']).toBe('t=1,v1=abc');
    expect(new TextDecoder().decode(seen.body)).toBe(raw);
  });

  it('refuses a write whose Origin matches a foreign Host; accepts the configured origin whatever Next named', async () => {
    // `next start -H 127.0.0.1` names its listen address in request.url; the shop is configured.
    const { tollbooth, recorder } = setup({ origins: ['https://shop.example.com'], authorize: () => false });
    const { POST } = createRouteHandlers(tollbooth);
    const post = (headers: Record<string, string>) =>
      POST(
        new Request('http://127.0.0.1:3000/api/tollbooth/portal', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-test-user': 'u1', ...headers },
          body: '{}',
        }),
      );
    for (const [host, origin] of [
      ['evil.example', 'http://evil.example'],
      ['evil.example', 'https://evil.example'],
      ['127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ]) {
      const res = await post({ host: host as string, origin: origin as string });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).message).toMatch(/Cross-origin/);
    }
    // Past the Origin check, the policy (which grants nothing here) decides.
    const ok = await post({ host: 'shop.example.com', origin: 'https://shop.example.com' });
    expect((await errorOf(ok)).message).not.toMatch(/Cross-origin/);
    expect(recorder.writes()).toEqual([]);
  });
});

describe('createPagesHandler', () => {
  it('rebuilds the Web Request with method, URL, headers and the exact raw body bytes', async () => {
    const tollbooth = fakeTollbooth();
    const base = await serve(tollbooth);
    // Odd spacing and non-ASCII text: a parse + re-serialize round trip would change these bytes.
    const raw = '{ "id":"evt_1",  "name": "Zoë 🧾" }\n';
    const res = await fetch(`${base}/api/tollbooth/webhooks?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=abc', origin: base },
      body: raw,
    });
    expect(res.status).toBe(200);
    const seen = tollbooth.seen[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe(`${base}/api/tollbooth/webhooks?x=1`);
    expect(seen.headers['stripe-signature']).toBe('t=1,v1=abc');
    expect(seen.headers.origin).toBe(base);
    expect(seen.headers['content-type']).toBe('application/json');
    expect(Buffer.from(seen.body).equals(Buffer.from(raw, 'utf8'))).toBe(true);
  });

  it('sends GET without a body and keeps DELETE bodies', async () => {
    const tollbooth = fakeTollbooth();
    const base = await serve(tollbooth);
    await fetch(`${base}/api/tollbooth/catalog`);
    await fetch(`${base}/api/tollbooth/payment-methods/pm_1`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(tollbooth.seen.map((s) => [s.method, new TextDecoder().decode(s.body)])).toEqual([
      ['GET', ''],
      ['DELETE', '{}'],
    ]);
  });

  it('takes the scheme from x-forwarded-proto, so the origin check sees the public origin', async () => {
    const tollbooth = fakeTollbooth();
    const base = await serve(tollbooth);
    await fetch(`${base}/api/tollbooth/catalog`, { headers: { 'x-forwarded-proto': 'https, http' } });
    expect(tollbooth.seen[0]!.url).toBe(`${base.replace('http:', 'https:')}/api/tollbooth/catalog`);
  });

  it('a foreign Host with a matching Origin is refused: the core judges Origin against `origins`', async () => {
    const { tollbooth, recorder } = setup({ origins: ['https://shop.example.com'], authorize: () => false });
    const base = await serve(tollbooth);
    const status = (host: string, origin: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          `${base}/api/tollbooth/portal`,
          {
            method: 'POST',
            headers: { host, origin, 'content-type': 'application/json', 'x-test-user': 'u1' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    expect(await status('evil.example', 'http://evil.example')).toBe(403);
    // The configured origin passes the Origin check; the policy then refuses (401/403 either way, never a write).
    expect([401, 403]).toContain(await status('shop.example.com', 'https://shop.example.com'));
    expect(recorder.writes()).toEqual([]);
  });

  it('writes status, headers, every Set-Cookie separately and the body back', async () => {
    const tollbooth = fakeTollbooth(() => {
      const headers = new Headers({ 'x-request-id': 'req_1', 'content-type': 'application/json' });
      // A date in Expires holds a comma: joined into one header line, the two cookies would break.
      headers.append('set-cookie', 'a=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly');
      headers.append('set-cookie', 'b=2; Path=/; SameSite=Lax');
      return new Response('{"error":{"code":"forbidden","message":"No."}}', { status: 403, headers });
    });
    const base = await serve(tollbooth);
    const res = await fetch(`${base}/api/tollbooth/refunds`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-request-id')).toBe('req_1');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.getSetCookie()).toEqual([
      'a=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly',
      'b=2; Path=/; SameSite=Lax',
    ]);
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'No.' } });
  });

  it('answers a clear 500 config error for a webhook whose body Next already parsed, without calling handle', async () => {
    const tollbooth = fakeTollbooth();
    const base = await serve(tollbooth, { bodyParser: true });
    const res = await fetch(`${base}/api/tollbooth/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=abc' },
      body: '{"id":"evt_1"}',
    });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).toContain('bodyParser: false');
    expect(tollbooth.seen).toHaveLength(0);
  });

  it('uses the configured basePath to tell the webhook route apart', async () => {
    const tollbooth = fakeTollbooth(undefined, '/api/pay/');
    const base = await serve(tollbooth, { bodyParser: true });
    const res = await fetch(`${base}/api/pay/webhooks`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(500);
    expect(tollbooth.seen).toHaveLength(0);
  });

  it('still serves JSON actions when the body was parsed, re-serialized without a stale content-length', async () => {
    const tollbooth = fakeTollbooth();
    const base = await serve(tollbooth, { bodyParser: true });
    const res = await fetch(`${base}/api/tollbooth/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ "items": [ { "price": "basic", "quantity": 1 } ] }',
    });
    expect(res.status).toBe(200);
    const seen = tollbooth.seen[0]!;
    expect(JSON.parse(new TextDecoder().decode(seen.body))).toEqual({
      items: [{ price: 'basic', quantity: 1 }],
    });
    expect(seen.headers['content-length']).toBeUndefined();
  });
});
