import type { IncomingHttpHeaders } from 'node:http';
import { DEFAULT_BASE_PATH, WEBHOOK_PATH } from '@tollbooth/core';
import type { NextApiRequest, NextApiResponse } from 'next';

/** What the adapters need from a `Tollbooth`; any `createTollbooth(...)` result fits. */
export interface TollboothHandler {
  handle(request: Request): Promise<Response>;
  /** Where the catch-all route is mounted. @default '/api/tollbooth' */
  readonly basePath?: string;
}

/** A Route Handler as Next.js's App Router calls it. */
export type RouteHandler = (request: Request) => Promise<Response>;

/**
 * `export const { GET, POST, DELETE } = createRouteHandlers(tollbooth)` in `app/api/tollbooth/[...tollbooth]/route.ts`.
 * The App Router hands over the raw body untouched, so the very Request goes through. Its URL is not rebuilt on
 * the `Host` header: the public origin comes from `origins` in the config, and Host may only pick one of them.
 */
export function createRouteHandlers(tollbooth: TollboothHandler): {
  GET: RouteHandler;
  POST: RouteHandler;
  DELETE: RouteHandler;
} {
  const handler: RouteHandler = (request) => tollbooth.handle(request);
  return { GET: handler, POST: handler, DELETE: handler };
}

/** A well-formed Host: a name or an address, an optional port. Only used to give the Pages request a URL. */
const HOST = /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/;

/** Names the file that mounts `basePath`, as the README lays it out, so the advice fits a moved route too. */
const rawBodyMessage = (basePath: string) =>
  `Tollbooth webhooks need the raw request body: add \`export const config = { api: { bodyParser: false } }\` to the API route serving ${basePath || '/'} (pages${basePath}/[...tollbooth].ts).`;

/** `export default createPagesHandler(tollbooth)` in `pages/api/tollbooth/[...tollbooth].ts`, with `bodyParser: false`. */
export function createPagesHandler(
  tollbooth: TollboothHandler,
): (req: NextApiRequest, res: NextApiResponse) => Promise<void> {
  const basePath = (tollbooth.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, '');
  const webhookPath = `${basePath}${WEBHOOK_PATH}`;
  return async (req, res) => {
    // Node gives a path, not a URL; the host in it is only a label (the core never trusts it for its public
    // origin, which comes from `origins`), so the shape check just keeps a malformed Host from throwing.
    const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
    const forwarded = first(req.headers['x-forwarded-proto']);
    const proto = forwarded === 'https' || forwarded === 'http' ? forwarded : encrypted ? 'https' : 'http';
    const host = first(req.headers.host);
    const url = new URL(req.url ?? '/', `${proto}://${host && HOST.test(host) ? host : 'localhost'}`);
    const method = req.method ?? 'GET';
    const headers = toHeaders(req.headers);
    let body: BodyInit | undefined;
    if (req.body !== undefined && method !== 'GET' && method !== 'HEAD') {
      // Next's bodyParser consumed the stream: a re-serialized body would fail the signature check, falsely.
      if (url.pathname === webhookPath) return send(res, configError(rawBodyMessage(basePath)));
      body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      headers.delete('content-length');
    } else if (method !== 'GET' && method !== 'HEAD') {
      body = toStream(req);
    }
    const init = { method, headers, body, duplex: 'half' } as RequestInit;
    await send(res, await tollbooth.handle(new Request(url, init)));
  };
}

function configError(message: string): Response {
  console.error(`[tollbooth] ${message}`);
  const error = { code: 'internal_error', message };
  return Response.json({ error }, { status: 500, headers: { 'cache-control': 'no-store' } });
}

async function send(res: NextApiResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') res.setHeader(key, value);
  });
  // Headers#forEach joins several Set-Cookie values with a comma, which breaks cookies holding dates.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(new Uint8Array(await response.arrayBuffer()));
}

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.split(',')[0]?.trim() || undefined;
}

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(incoming)) {
    if (key.startsWith(':') || value === undefined) continue; // HTTP/2 pseudo-headers
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
  }
  return headers;
}

/** Streams the body through, so the core's size limits apply before the whole body is held in memory. */
function toStream(req: AsyncIterable<Uint8Array | string>): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      // A Buffer is a Uint8Array already: handed on as it is, not copied chunk by chunk.
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}
