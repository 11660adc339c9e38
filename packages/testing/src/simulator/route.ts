import type { RequestContext } from './engine';

export type Method = 'GET' | 'POST' | 'DELETE';

/** One API route: `path` uses `:name` segments (`/v1/payment_intents/:id/confirm`). */
export interface Route {
  method: Method;
  path: string;
  handler: (ctx: RequestContext) => unknown;
  /**
   * The top-level params the handler acts on. Every param Stripe's spec (with newer-api.ts) gives the operation is
   * accepted; one accepted but not listed here is recorded on `sim.requests[n].unimplemented` and, with
   * `strict: true`, refused. `expand` is always implemented.
   */
  implements: readonly string[];
  /** Accept `pk_…` keys (the route checks `client_secret` itself). @default false */
  publishable?: boolean;
}

/** Matches a concrete path against the table; returns the route and its `:name` values. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; path: Record<string, string> } | { methodMismatch: boolean } {
  const segments = path.split('/').filter(Boolean);
  let methodMismatch = false;
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const values: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length; i++) {
      const part = pattern[i]!;
      const segment = decodeURIComponent(segments[i]!);
      if (part.startsWith(':')) values[part.slice(1)] = segment;
      else if (part !== segment) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (route.method !== method) {
      methodMismatch = true;
      continue;
    }
    return { route, path: values };
  }
  return { methodMismatch };
}
