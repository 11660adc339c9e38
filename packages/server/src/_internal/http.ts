import { ERROR_STATUS, type ErrorCode, TollboothError } from '@tollbooth/core';
import { sha256HexSync } from '@tollbooth/core/internal/sha256';

/** JSON bodies of actions. */
export const JSON_LIMIT_BYTES = 16 * 1024;
/** Webhook bodies. */
export const WEBHOOK_LIMIT_BYTES = 1024 * 1024;

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function jsonResponse(
  body: unknown,
  status: number,
  requestId: string,
  extra?: HeadersInit,
): Response {
  const headers = new Headers(BASE_HEADERS);
  headers.set('x-request-id', requestId);
  // Read `extra` as it is rather than copying it into a second Headers first; Set-Cookie values stay apart.
  if (extra) for (const [k, v] of headerEntries(extra)) headers.append(k, v);
  return new Response(JSON.stringify(body), { status, headers });
}

function headerEntries(init: HeadersInit): Iterable<[string, string]> {
  if (init instanceof Headers || Array.isArray(init)) return init as Iterable<[string, string]>;
  return Object.entries(init);
}

export function errorResponse(error: TollboothError, requestId: string, extra?: HeadersInit): Response {
  const code = (error.code === 'network_error' ? 'upstream_error' : error.code) as ErrorCode;
  const status = ERROR_STATUS[code];
  return jsonResponse({ error: { code, message: error.message } }, status, requestId, extra);
}

/**
 * Reads a body up to `limit` bytes. Content-Length is checked first, then the bytes are counted as they
 * arrive, because the header can be missing or lie (chunked uploads).
 */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    const n = Number(declared);
    if (!/^\d+$/.test(declared.trim()) || !Number.isSafeInteger(n)) {
      throw new TollboothError('invalid_request', 'Invalid Content-Length.');
    }
    if (n > limit) throw tooLarge(limit);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  // A small body usually arrives as one chunk: hand it over without a copy. (The count above stays, rather than
  // `request.arrayBuffer()`, so a Content-Length that lies low never lets a large body be held whole.)
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function tooLarge(limit: number): TollboothError {
  return new TollboothError('payload_too_large', `The body is larger than ${limit} bytes.`);
}

/** Parses a JSON object body; an empty body is `{}`. */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.byteLength === 0) return {};
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    value = JSON.parse(text);
  } catch {
    throw new TollboothError('invalid_request', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TollboothError('invalid_request', 'The body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | null): string | null {
  if (header === null) return null;
  return header.split(';')[0]?.trim().toLowerCase() ?? null;
}

export function newRequestId(): string {
  return `tb_${crypto.randomUUID().replace(/-/g, '')}`;
}

/** For callers that await a digest; the work itself is synchronous (see sha256.ts). */
export function sha256Hex(text: string): Promise<string> {
  return Promise.resolve(sha256HexSync(text));
}
