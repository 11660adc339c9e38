import { TollboothError } from '@tollbooth/core';
import { mediaType } from './http';
import { isAllowedOrigin, type OriginConfig } from './public-origin';

/**
 * Cross-site request checks for every non-GET action route: an exact Origin match (one listed in `origins`; the
 * request's own origin is never enough, since its host comes from a header) and a JSON content type. A cross-site
 * form can post `text/plain` that parses as JSON, and `Origin: null` comes from sandboxed frames and some
 * redirects: both are refused.
 */
export function checkCsrf(request: Request, config: OriginConfig): string {
  const origin = request.headers.get('origin');
  if (origin === null || origin === 'null' || !isAllowedOrigin(origin, request, config)) {
    throw new TollboothError('forbidden', 'Cross-origin request refused.');
  }
  if (mediaType(request.headers.get('content-type')) !== 'application/json') {
    throw new TollboothError('unsupported_media_type', 'Send the body as application/json.');
  }
  return origin;
}

/** Normalises configured origins at startup; anything that is not a bare http(s) origin is a startup error. */
export function normaliseOrigins(origins: readonly string[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const o of origins ?? []) {
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      throw new Error(`Tollbooth: origins: "${o}" is not a URL (expected e.g. "https://shop.example.com").`);
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== o.replace(/\/$/, '')) {
      throw new Error(
        `Tollbooth: origins: "${o}" must be a bare http(s) origin such as "https://shop.example.com".`,
      );
    }
    out.add(url.origin);
  }
  return out;
}
