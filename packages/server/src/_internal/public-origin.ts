/**
 * The public origin comes from configuration. `Host` and `X-Forwarded-Host` are written by whoever sends the
 * request, so they may only pick one of the configured `origins` (the shop and its admin site, say), never add
 * one: a caller sending `Host: evil.example` with `Origin: https://evil.example` is a foreign origin like any other.
 */

/** What the origin checks read from the runtime. */
export interface OriginConfig {
  /** The configured origins, normalised; empty when none were configured. */
  origins: ReadonlySet<string>;
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$|\.localhost$/;

/** Whether `origin` (an `Origin` header value) may send writes and receive redirects. */
export function isAllowedOrigin(origin: string, request: Request, config: OriginConfig): boolean {
  if (config.origins.size > 0) return config.origins.has(origin);
  // No origins configured (development only: production refuses to serve, see `missingOriginsError`): the
  // loopback origin the developer's browser is on, judged by the URL the framework built or the Host it sent.
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin || !LOOPBACK.test(url.hostname)) return false;
  const own = new URL(request.url);
  return origin === own.origin || url.host === request.headers.get('host');
}

/**
 * The configured origin this request is for: the one whose host the request names (`X-Forwarded-Host`, `Host`,
 * or the URL), else the first configured one. `null` only without configured origins and off loopback.
 */
export function publicOrigin(request: Request, config: OriginConfig): string | null {
  const url = new URL(request.url);
  if (config.origins.size === 0) return LOOPBACK.test(url.hostname) ? url.origin : null;
  const named = [request.headers.get('x-forwarded-host'), request.headers.get('host'), url.host]
    .map((h) => h?.split(',')[0]?.trim().toLowerCase())
    .filter((h): h is string => Boolean(h));
  for (const host of named) {
    for (const origin of config.origins) if (new URL(origin).host === host) return origin;
  }
  return config.origins.values().next().value as string;
}

/** Production without configured origins would have to trust a header for its own name: refused at the first request. */
export const MISSING_ORIGINS_MESSAGE =
  'Tollbooth: `origins` is required in production. List the public origin(s) of the site, e.g. ' +
  "origins: ['https://shop.example.com']; Host and X-Forwarded-Host are never trusted to name it.";

/** Whether `NODE_ENV` says production; Next.js inlines it on every runtime, and an edge runtime may lack `process`. */
export function isProduction(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.NODE_ENV === 'production';
}
