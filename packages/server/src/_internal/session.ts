import { sha256Hex } from './http';

/** The anonymous session cookie: a random id that scopes idempotency keys of callers with no user. */
export const SESSION_COOKIE = 'tollbooth_sid';
const SESSION_SHAPE = /^[A-Za-z0-9_-]{32,64}$/;
/** Stripe keeps idempotency keys for 24 hours; the session lives as long. */
const SESSION_MAX_AGE = 24 * 60 * 60;

export function readSessionId(request: Request): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return SESSION_SHAPE.test(value) ? value : null;
  }
  return null;
}

export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** HttpOnly (scripts never see it), SameSite=Lax, scoped to the route, Secure unless the public origin is http. */
export function sessionCookie(id: string, basePath: string, origin: string | null): string {
  const secure = origin?.startsWith('http:') ? '' : '; Secure';
  return `${SESSION_COOKIE}=${id}; Path=${basePath || '/'}; Max-Age=${SESSION_MAX_AGE}; HttpOnly; SameSite=Lax${secure}`;
}

/** What a Checkout Session created by an anonymous caller stores: a hash, never the cookie value itself. */
export function sessionTag(owner: string): Promise<string> {
  return sha256Hex(`tollbooth-session\u0000${owner}`);
}
