import { TollboothError } from '@tollbooth/core';

// A path: one leading slash, then no second slash or backslash; no whitespace, control characters or backslashes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const SAFE_PATH = /^\/(?![/\\])[^\s\\\u0000-\u001f\u007f]*$/;

/** How many layers of percent-encoding are peeled before a path counts as hiding too much. */
const MAX_DECODES = 4;

/**
 * Every decoding of `path` (itself, then each layer of percent-encoding peeled off), or `null` when it is still
 * encoded after `MAX_DECODES` layers. Decoded byte by byte: only ASCII matters to the checks (a slash, a
 * backslash, whitespace, a control character), and a malformed escape is simply left as it is.
 */
function decodings(path: string): string[] | null {
  const out = [path];
  let current = path;
  for (let i = 0; i < MAX_DECODES; i++) {
    const next = current.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    if (next === current) return out;
    out.push(next);
    current = next;
  }
  return null;
}

/**
 * Turns a client path into an absolute URL on `origin` (the request's already-checked Origin). The path is
 * checked by shape, in every percent-decoded form too (`/%2F%2Fevil.com` and `/%5Cevil.com` are refused like
 * `//evil.com` and `/\evil.com`: whatever decodes them later, the app's router, a proxy or a browser, would
 * see the plain form), and again after URL parsing: the parsed origin must be exactly `origin`. The original
 * text is kept so Stripe's `{CHECKOUT_SESSION_ID}` placeholder survives (URL would percent-encode the braces).
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
  const forms = decodings(value);
  if (!forms?.every((f) => SAFE_PATH.test(f)) || !parsed || parsed.origin !== origin) {
    throw new TollboothError('invalid_request', `${field} must be a path on this site, like "/thanks".`);
  }
  return origin + value;
}
