/**
 * Rule 6, the public origin: it comes from `origins`, never from a header the client controls. A caller who
 * sends `Host: evil.example` (or `X-Forwarded-Host`) with a matching `Origin` must not pass the Origin check, and
 * no Checkout or portal session may send the buyer anywhere but a configured origin. Attacked through the core
 * and through both Next adapters; without configured origins production refuses to serve.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActionName } from '@tollbooth/core';
import { createPagesHandler, createRouteHandlers } from '@tollbooth/server/next';
import type { NextApiRequest, NextApiResponse } from 'next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from './support/expect';
import { record } from './support/figures';
import { customerOf } from './support/fixtures';
import { ADMIN_SITE, BASE_PATH, type CallResult, createHarness, type Harness, SHOP } from './support/harness';
import { ITEMS } from './support/routes';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await customerOf(h, 'alice');
});
afterAll(() => h.close());

const CONFIGURED = new Set([SHOP, ADMIN_SITE]);

/** The redirect-carrying creates, with the Stripe parameters that hold a URL. */
const REDIRECTING: Array<[ActionName, Record<string, unknown>, string, string[]]> = [
  ['checkout.create', { items: ITEMS }, '/v1/checkout/sessions', ['success_url', 'cancel_url']],
  ['checkout.create', { items: ITEMS, uiMode: 'embedded' }, '/v1/checkout/sessions', ['return_url']],
  ['portal.create', {}, '/v1/billing_portal/sessions', ['return_url']],
];

/** Every URL the server handed to Stripe in `res` must be on a configured origin. */
function checkSentUrls(res: CallResult, path: string, params: string[]): void {
  for (const w of res.writes.filter((x) => x.path === path)) {
    for (const p of params) {
      const sent = w.params[p];
      if (typeof sent !== 'string') continue;
      const origin = new URL(sent).origin;
      if (!CONFIGURED.has(origin)) record('offOrigin', `${p} sent to Stripe on ${origin}`);
      expect(CONFIGURED, `${p} = ${sent}`).toContain(origin);
    }
  }
}

/** The request `h.call` would send, moved to another URL (as a framework builds it from Host). */
function retarget(request: Request, url: string, headers: Record<string, string> = {}): Request {
  const target = new URL(new URL(request.url).pathname, url);
  const merged = new Headers(request.headers);
  for (const [k, v] of Object.entries(headers)) merged.set(k, v);
  return new Request(target, {
    method: request.method,
    headers: merged,
    body: request.body,
    duplex: 'half',
  } as RequestInit);
}

function expectNoForeignSuccess(res: CallResult, label: string): void {
  if (res.status < 300 || res.writes.length > 0) record('offOrigin', `${label}: ${res.status}`);
  expectRefused(res, 403, 'forbidden');
}

const FOREIGN_HOSTS: Array<[string, string, Record<string, string>]> = [
  ['Host evil.example over https', 'https://evil.example', {}],
  ['Host evil.example over http', 'http://evil.example', {}],
  ['Host with a port', 'https://evil.example:8443', {}],
  ['a look-alike suffix', 'https://shop.example.com.evil.example', {}],
  ['a subdomain of the shop', 'https://evil.shop.example.com', {}],
  ['the shop over http', 'http://shop.example.com', {}],
];

describe('the core: request.url names a foreign host, Origin matches it', () => {
  describe.each(REDIRECTING)('%s %j', (action, body, path, params) => {
    it.each(FOREIGN_HOSTS)('%s → 403, no Stripe write', async (_label, evil, headers) => {
      const request = retarget(h.build(action, { body, origin: evil }), evil, headers);
      const res = await h.send(request, 'alice');
      expectNoForeignSuccess(res, `${action} on ${evil}`);
      checkSentUrls(res, path, params);
    });

    it('a configured origin still works and Stripe gets URLs on it (positive control)', async () => {
      for (const origin of [SHOP, ADMIN_SITE]) {
        const res = await h.send(retarget(h.build(action, { body, origin }), origin), 'alice');
        expectOk(res);
        checkSentUrls(res, path, params);
        const sent = res.writes.find((w) => w.path === path)?.params[params[0] as string] as string;
        expect(new URL(sent).origin).toBe(origin);
      }
    });
  });
});

describe('createRouteHandlers (App Router): Host and X-Forwarded-Host only select a configured origin', () => {
  let last: CallResult | undefined;
  const { POST } = createRouteHandlers({
    basePath: BASE_PATH,
    handle: async (request) => {
      last = await h.send(request, 'alice');
      return new Response(null, { status: last.status });
    },
  });
  // `next start -H 127.0.0.1` names its own listen address in request.url.
  const nextUrl = 'http://127.0.0.1:3000';

  const attacks: Array<[string, Record<string, string>, string]> = [
    ['Host: evil.example', { host: 'evil.example' }, 'http://evil.example'],
    ['Host: evil.example with an https Origin', { host: 'evil.example' }, 'https://evil.example'],
    [
      'X-Forwarded-Host and -Proto',
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      'https://evil.example',
    ],
    ['Host with a port', { host: 'evil.example:3000' }, 'http://evil.example:3000'],
    ['the listen address itself', { host: '127.0.0.1:3000' }, 'http://127.0.0.1:3000'],
  ];
  describe.each(REDIRECTING)('%s %j', (action, body, path, params) => {
    it.each(attacks)('%s → 403, no Stripe write', async (label, headers, origin) => {
      last = undefined;
      await POST(retarget(h.build(action, { body, origin }), nextUrl, headers));
      const res = last as CallResult | undefined;
      expect(res, 'the adapter passed the request on').toBeDefined();
      if (!res) return;
      expectNoForeignSuccess(res, `${action} ${label}`);
      checkSentUrls(res, path, params);
    });

    it('Host naming a configured origin selects it (positive control)', async () => {
      for (const [host, origin] of [
        ['shop.example.com', SHOP],
        ['admin.example.com', ADMIN_SITE],
      ] as const) {
        last = undefined;
        await POST(retarget(h.build(action, { body, origin }), nextUrl, { host }));
        expectOk(last as unknown as CallResult);
        checkSentUrls(last as unknown as CallResult, path, params);
      }
    });
  });
});

describe('createPagesHandler (Pages Router): Host only selects a configured origin', () => {
  let base = '';
  let last: CallResult | undefined;
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const handler = createPagesHandler({
      basePath: BASE_PATH,
      handle: async (request) => {
        last = await h.send(request, 'alice');
        return new Response(null, { status: last.status });
      },
    });
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => handler(req as NextApiRequest, res as NextApiResponse));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  /** A raw HTTP request: fetch will not let a test choose the Host header. */
  function post(path: string, headers: Record<string, string>, body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${base}${BASE_PATH}${path}`, { method: 'POST', headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  const attacks: Array<[string, Record<string, string>, string]> = [
    ['Host: evil.example', { host: 'evil.example' }, 'http://evil.example'],
    [
      'Host and X-Forwarded-Proto',
      { host: 'evil.example', 'x-forwarded-proto': 'https' },
      'https://evil.example',
    ],
    [
      'X-Forwarded-Host',
      { host: 'shop.example.com', 'x-forwarded-host': 'evil.example' },
      'http://evil.example',
    ],
  ];
  describe.each(REDIRECTING)('%s %j', (action, body, path, params) => {
    const route = action === 'portal.create' ? '/portal' : '/checkout';
    it.each(attacks)('%s → 403, no Stripe write', async (label, headers, origin) => {
      last = undefined;
      await post(
        route,
        { ...headers, origin, cookie: 'tb_session=alice', 'content-type': 'application/json' },
        JSON.stringify(body),
      );
      const res = last as CallResult | undefined;
      expect(res).toBeDefined();
      if (!res) return;
      expectNoForeignSuccess(res, `${action} ${label}`);
      checkSentUrls(res, path, params);
    });

    it('Host naming the shop selects it (positive control)', async () => {
      last = undefined;
      await post(
        route,
        {
          host: 'shop.example.com',
          'x-forwarded-proto': 'https',
          origin: SHOP,
          cookie: 'tb_session=alice',
          'content-type': 'application/json',
        },
        JSON.stringify(body),
      );
      expectOk(last as unknown as CallResult);
      checkSentUrls(last as unknown as CallResult, path, params);
    });
  });
});

describe('no configured origins', () => {
  const env = process.env as Record<string, string | undefined>;
  const saved = env.NODE_ENV;
  afterAll(() => {
    env.NODE_ENV = saved;
  });

  it('in production: createTollbooth does not throw (next build works), the first request is refused clearly', async () => {
    env.NODE_ENV = 'production';
    let prod: Harness | undefined;
    try {
      prod = await createHarness({ config: { origins: undefined } });
    } finally {
      env.NODE_ENV = saved;
    }
    try {
      for (const [action, body] of [
        ['catalog.read', undefined],
        ['checkout.create', { items: ITEMS }],
      ] as const) {
        const mark = prod.writeMark();
        const res = await prod.call(action, { body });
        if (res.status < 300 || prod.stripeCallsSince(mark).length > 0)
          record('unsafeConfig', `${action}: ${res.status} without origins in production`);
        expectRefused(res, 500, 'internal_error');
        expect(prod.stripeCallsSince(mark)).toEqual([]);
      }
    } finally {
      await prod.close();
    }
  });

  it('in development: localhost keeps working, a foreign host does not', async () => {
    const dev = await createHarness({ config: { origins: undefined } });
    try {
      for (const local of ['http://localhost:3000', 'http://127.0.0.1:3000']) {
        const res = await dev.send(
          retarget(dev.build('checkout.create', { body: { items: ITEMS }, origin: local }), local),
          'alice',
        );
        expectOk(res);
        const sent = res.writes.find((w) => w.path === '/v1/checkout/sessions')?.params.success_url as string;
        expect(new URL(sent).origin).toBe(local);
      }
      const evil = 'https://evil.example';
      const res = await dev.send(
        retarget(dev.build('checkout.create', { body: { items: ITEMS }, origin: evil }), evil),
        'alice',
      );
      expectNoForeignSuccess(res, 'development, foreign host');
    } finally {
      await dev.close();
    }
  });
});
