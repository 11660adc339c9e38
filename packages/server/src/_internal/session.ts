import { sha256Hex } from './http';

/**
 * The anonymous session cookie: a random id that scopes idempotency keys and Checkout Sessions of callers with
 * no user, signed (HMAC-SHA-256) so that only ids this server handed out count. A cookie of the right shape
 * that was not signed here is no session at all: its holder is a fresh anonymous caller who owns nothing, so
 * nothing is loaded from Stripe on its behalf.
 */
export const SESSION_COOKIE = 'tollbooth_sid';
const ID = /^[A-Za-z0-9_-]{43}$/;
const SIGNED = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;
/** Stripe keeps idempotency keys for 24 hours; the session lives as long. */
const SESSION_MAX_AGE = 24 * 60 * 60;

/** Signs and verifies session ids. */
export interface SessionSigner {
  /** The verified session id of the request's cookie, or `null` (no cookie, a malformed or a forged one). */
  read(request: Request): Promise<string | null>;
  /** The Set-Cookie value for a new session id. */
  cookie(id: string, basePath: string, origin: string | null): Promise<string>;
}

/**
 * Keys from `secrets`: the first signs, every one verifies (so rotating the webhook secret or `sessionSecret`
 * keeps the sessions signed before it for their 24 hours). Each key is domain-separated from the secret's
 * other use (a webhook secret also verifies Stripe's signatures).
 */
export function sessionSigner(secrets: readonly string[]): SessionSigner {
  const keys = Promise.all(
    secrets.map((secret) =>
      crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(`tollbooth-session-key\u0000${secret}`),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign', 'verify'],
      ),
    ),
  );
  const message = (id: string) => new TextEncoder().encode(`tollbooth-sid\u0000${id}`);

  return {
    async read(request) {
      const value = cookieValue(request.headers.get('cookie'));
      const match = value === null ? null : SIGNED.exec(value);
      if (!match) return null;
      const [, id, signature] = match as unknown as [string, string, string];
      const mac = fromBase64Url(signature);
      for (const key of await keys) {
        // crypto.subtle.verify compares in constant time.
        if (await crypto.subtle.verify('HMAC', key, mac, message(id))) return id;
      }
      return null;
    },
    async cookie(id, basePath, origin) {
      if (!ID.test(id)) throw new Error('tollbooth: a session id has 43 base64url characters');
      const [signing] = await keys;
      const signature = toBase64Url(
        new Uint8Array(await crypto.subtle.sign('HMAC', signing as CryptoKey, message(id))),
      );
      // HttpOnly (scripts never see it), SameSite=Lax, scoped to the route, Secure unless the public origin is http.
      const secure = origin?.startsWith('http:') ? '' : '; Secure';
      return `${SESSION_COOKIE}=${id}.${signature}; Path=${basePath || '/'}; Max-Age=${SESSION_MAX_AGE}; HttpOnly; SameSite=Lax${secure}`;
    },
  };
}

function cookieValue(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

export function newSessionId(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** A random per-process secret: sessions then last as long as the process (development, or one instance). */
export function ephemeralSessionSecret(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** What a Checkout Session created by an anonymous caller stores: a hash, never the cookie value itself. */
export function sessionTag(owner: string): Promise<string> {
  return sha256Hex(`tollbooth-session\u0000${owner}`);
}
