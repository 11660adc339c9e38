import { TollboothError } from '@tollbooth/core';

// A path: one leading slash, then no second slash or backslash; no whitespace, control characters or backslashes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const SAFE_PATH = /^\/(?![/\\])[^\s\\\u0000-\u001f\u007f]*$/;

/**
 * Turns a client path into an absolute URL on `origin` (the request's already-checked Origin). The path is
 * checked by shape and again after URL parsing: the parsed origin must be exactly `origin`. The original text
 * is kept so Stripe's `{CHECKOUT_SESSION_ID}` placeholder survives (URL would percent-encode the braces).
 */
export function resolveRedirect(
  path: string | undefined,
  fallback: string,
  origin: string,
  field: string,
): string {
  const value = path ?? fallback;
  let parsed: URL | undefined;
  try {
    parsed = new URL(value, origin);
  } catch {
    parsed = undefined;
  }
  if (!SAFE_PATH.test(value) || !parsed || parsed.origin !== origin) {
    throw new TollboothError('invalid_request', `${field} must be a path on this site, like "/thanks".`);
  }
  return origin + value;
}
