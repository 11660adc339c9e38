import { type ActionName, type IdAction, ROUTES, request, type SpecOf } from '@tollbooth/core';

/** The read routes a Server Component can load ahead of the browser: every `GET` action. */
export type LoadAction = { [A in ActionName]: SpecOf<A>['method'] extends 'GET' ? A : never }[ActionName];

/** The path id `load` needs exactly when the route has one (`checkout.read`). */
export type LoadArgs<A extends LoadAction> = A extends IdAction ? [id: string] : [];

/**
 * Who the load is for: the page request's headers (`await headers()` from `next/headers` in a Server
 * Component), or a whole `Request` (a Route Handler, middleware, a test).
 */
export type LoadCaller = Request | Headers;

// What describes the page request's own body or connection, not the caller: a GET has neither.
const NOT_FORWARDED = new Set([
  'accept',
  'connection',
  'content-length',
  'content-type',
  'expect',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
]);

/**
 * `tollbooth.load`: serves the GET route of `action` to a Request carrying the caller's headers, through the
 * very `handle` the browser reaches. So `getUser`, the rate limits, `authorize`, the ownership checks and the
 * audit entry are the route's own, and the answer is the route's JSON byte for byte: what a component rendered
 * with it on the server shows is what its client fetch would show. A refusal throws the route's
 * `TollboothError` (401 `unauthenticated`, 403 `forbidden`, 404 `not_found` …).
 */
export function createLoader(
  handle: (request: Request) => Promise<Response>,
  basePath: string,
  origin: () => string,
) {
  return <A extends LoadAction>(action: A, caller: LoadCaller, ...[id]: LoadArgs<A>): Promise<unknown> => {
    const route: { path: string } = ROUTES[action];
    if (route.path.includes(':id') && (typeof id !== 'string' || id === '')) {
      return Promise.reject(new TypeError(`tollbooth.load('${action}') needs the id of the object to load.`));
    }
    const headers: Record<string, string> = {};
    (caller instanceof Request ? caller.headers : caller).forEach((value, name) => {
      if (!NOT_FORWARDED.has(name)) headers[name] = value;
    });
    const at = caller instanceof Request ? new URL(caller.url).origin : origin();
    return request(
      {
        endpoint: `${at}${basePath}`,
        headers,
        fetch: (url, init) => handle(new Request(url, init)),
      },
      { method: 'GET', path: route.path.replace(':id', encodeURIComponent(id ?? '')) },
    );
  };
}
