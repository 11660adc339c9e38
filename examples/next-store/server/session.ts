import type { TollboothUser } from '@tollbooth/server';
import { type DemoTeam, isDemoTeam } from './teams';

/** The demo's people. A real app has its own auth (Auth.js, Clerk, better-auth …); the shape is the same. */
export const DEMO_USERS = {
  alice: { id: 'user_alice', name: 'Alice', email: 'alice@example.com', roles: ['customer'] },
  bob: { id: 'user_bob', name: 'Bob', email: 'bob@example.com', roles: ['customer'] },
  sam: { id: 'user_sam', name: 'Sam (support)', email: 'sam@example.com', roles: ['support'] },
  ada: { id: 'user_ada', name: 'Ada (admin)', email: 'ada@example.com', roles: ['admin'] },
} as const satisfies Record<string, TollboothUser & { name: string }>;

export type DemoLogin = keyof typeof DEMO_USERS;
/** `team`: the team the user pays as ("Paying as" in the header), or null for their own billing. */
export type DemoUser = (typeof DEMO_USERS)[DemoLogin] & { login: DemoLogin; team: DemoTeam | null };

export const SESSION_COOKIE = 'store_session';
const MAX_AGE_SECONDS = 60 * 60 * 8;

export function isDemoLogin(value: unknown): value is DemoLogin {
  return typeof value === 'string' && Object.hasOwn(DEMO_USERS, value);
}

// One key per process, shared by the route handlers and the pages (separate bundles): on globalThis.
const KEY = Symbol.for('next-store.session-key');
type Holder = typeof globalThis & { [KEY]?: Promise<CryptoKey> };

function hmacKey(): Promise<CryptoKey> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    let secret: Uint8Array = new TextEncoder().encode(process.env.SESSION_SECRET ?? '');
    if (secret.length === 0) {
      // Sessions then last as long as the process: fine for a demo, and nothing guessable is ever used.
      secret = crypto.getRandomValues(new Uint8Array(32));
      if (process.env.NODE_ENV === 'production') {
        console.warn('[next-store] SESSION_SECRET is not set: using a random one; sign-ins end on restart.');
      }
    } else if (secret.length < 32) {
      throw new Error('next-store: SESSION_SECRET must be at least 32 characters.');
    }
    return crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
  })();
  return holder[KEY];
}

const toBase64Url = (bytes: ArrayBuffer) => Buffer.from(bytes).toString('base64url');

/**
 * `login.expires.signature`, or `login+team.expires.signature` when paying as a team: small, readable in
 * devtools, and worthless without the key (the team is signed too, so it cannot be swapped in the browser).
 */
export async function createSessionValue(
  login: DemoLogin,
  now = Date.now(),
  team: DemoTeam | null = null,
): Promise<string> {
  const payload = `${team ? `${login}+${team}` : login}.${Math.floor(now / 1000) + MAX_AGE_SECONDS}`;
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(), new TextEncoder().encode(payload));
  return `${payload}.${toBase64Url(signature)}`;
}

export function sessionCookie(value: string, secure: boolean): string {
  const flags = `Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_SECONDS}${secure ? '; Secure' : ''}`;
  return `${SESSION_COOKIE}=${value}; ${flags}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** Verifies a session value (constant-time, via Web Crypto) and returns its user, or null. */
export async function readSessionValue(
  value: string | undefined,
  now = Date.now(),
): Promise<DemoUser | null> {
  const [who, expires, signature, extra] = (value ?? '').split('.');
  const [login, team, more] = (who ?? '').split('+');
  if (!login || !expires || !signature || extra !== undefined || !isDemoLogin(login)) return null;
  if (more !== undefined || (team !== undefined && !isDemoTeam(team))) return null;
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 < now) return null;
  let mac: Uint8Array;
  try {
    mac = new Uint8Array(Buffer.from(signature, 'base64url'));
  } catch {
    return null;
  }
  const ok = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(),
    mac as BufferSource,
    new TextEncoder().encode(`${who}.${expires}`),
  );
  return ok ? { ...DEMO_USERS[login], login, team: team ?? null } : null;
}

/** Reads the session from a `Cookie` header: what `getUser` does for Tollbooth. */
export async function readSessionFromCookieHeader(header: string | null): Promise<DemoUser | null> {
  for (const part of (header ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return readSessionValue(rest.join('='));
  }
  return null;
}
