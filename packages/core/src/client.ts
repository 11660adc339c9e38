import {
  ACTION_SPECS,
  ACTIONS,
  type ActionName,
  DEFAULT_BASE_PATH,
  type HttpMethod,
  type IdAction,
  ROUTES,
  type SpecOf,
} from './actions';
import { codeForStatus, isErrorCode, TollboothError } from './errors';
import type { ActionTypes, CatalogKeyOf, PlanKeyOf } from './wire';

export interface ClientOptions {
  /** Where the catalog route is mounted; absolute, or relative to the page. @default '/api/tollbooth' */
  endpoint?: string;
  /** The fetch to use, looked up on each call so it can be patched in tests. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Extra headers sent with every request (an auth header, for instance). */
  headers?: Record<string, string>;
}

export interface CallOptions {
  /**
   * Sent as the `Idempotency-Key` header on writes. Keep one key per user attempt (a double click, a retry)
   * so the server creates one object. @default a new random key per call
   */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** The type of `{}`: `Empty extends T` when every field of `T` is optional. */
type Empty = Record<never, never>;
type InputOf<K extends string, A extends ActionName> = ActionTypes<K>[A]['input'];
type OutputOf<K extends string, A extends ActionName, P extends string = string> = ActionTypes<
  K,
  P
>[A]['output'];

/** `id` is required exactly when the route has `:id`; `input` exactly when its body has a required field. */
export type CallArgs<K extends string, A extends ActionName> = CallOptions &
  (A extends IdAction ? { /** The path id. */ id: string } : { id?: undefined }) &
  (undefined extends InputOf<K, A>
    ? { input?: undefined }
    : Empty extends InputOf<K, A>
      ? { input?: InputOf<K, A> }
      : { input: InputOf<K, A> });

/** `call`'s second parameter: optional when nothing in it is required. */
type CallRest<K extends string, A extends ActionName> =
  Empty extends CallArgs<K, A> ? [args?: CallArgs<K, A>] : [args: CallArgs<K, A>];

/**
 * The parameters of a named method, from the action's spec and types: `(id, options?)` for a route with
 * `:id` (`(id, input, options?)` when it also has body fields); `(input, options?)` when its body has fields
 * (`input?` when none is required); `(options?)` otherwise.
 */
type MethodParams<K extends string, A extends ActionName> = A extends IdAction
  ? SpecOf<A>['body'] extends 'fields'
    ? [id: string, input: InputOf<K, A>, options?: CallOptions]
    : [id: string, options?: CallOptions]
  : SpecOf<A>['body'] extends 'fields'
    ? Empty extends InputOf<K, A>
      ? [input?: InputOf<K, A>, options?: CallOptions]
      : [input: InputOf<K, A>, options?: CallOptions]
    : [options?: CallOptions];

/** One shorthand method per action, named by the spec's `client` field. */
export type ClientMethods<K extends string = string, P extends string = string> = {
  [A in ActionName as SpecOf<A>['client']]: (...args: MethodParams<K, A>) => Promise<OutputOf<K, A, P>>;
};

/** A typed client with one method per action. `K` is the catalog key type, `P` the plan key type. */
export type TollboothClient<K extends string = string, P extends string = string> = ClientMethods<K, P> & {
  readonly endpoint: string;
  /** Calls any action by name; the named methods are shorthands for it. */
  call<A extends ActionName>(action: A, ...args: CallRest<K, A>): Promise<OutputOf<K, A, P>>;
};

/** A random idempotency key; `crypto.randomUUID` where the page is a secure context, random bytes otherwise. */
export function createIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One request to a Tollbooth route, for `request()`. */
export interface RouteRequest extends CallOptions {
  method: HttpMethod;
  /** The route's path relative to the endpoint, its `:id` already filled in and encoded. */
  path: string;
  /** The JSON body of a write. @default {} */
  input?: unknown;
}

/**
 * Sends one request to a Tollbooth route: the transport under `call` and every named method. Exported so a
 * bundle that needs a single route (a lone checkout button) can skip the table of every route; prefer
 * `createClient` everywhere else.
 */
export async function request<T = unknown>(options: ClientOptions, route: RouteRequest): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (route.method !== 'GET') {
    // Every write carries JSON and a key, DELETE included: the server refuses anything else (CSRF rule).
    headers['content-type'] = 'application/json';
    headers['idempotency-key'] = route.idempotencyKey ?? createIdempotencyKey();
    body = JSON.stringify(route.input ?? {});
  }
  let response: Response;
  try {
    response = await (options.fetch ?? globalThis.fetch)(`${endpointOf(options)}${route.path}`, {
      method: route.method,
      headers,
      body,
      credentials: 'same-origin',
      signal: route.signal,
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new TollboothError(
      'network_error',
      'The network request failed. Check your connection and retry.',
      {
        cause: error,
      },
    );
  }
  return readResponse(response) as Promise<T>;
}

const endpointOf = (options: ClientOptions) => (options.endpoint ?? DEFAULT_BASE_PATH).replace(/\/+$/, '');

/**
 * Creates the typed client. Pass the server's type to learn the catalog keys:
 * `createClient<typeof tollbooth>()` (a type-only import of the server module).
 */
export function createClient<T = unknown>(
  options: ClientOptions = {},
): TollboothClient<CatalogKeyOf<T>, PlanKeyOf<T>> {
  type K = CatalogKeyOf<T>;
  type P = PlanKeyOf<T>;

  async function call<A extends ActionName>(action: A, args?: CallArgs<K, A>): Promise<OutputOf<K, A, P>> {
    const route = ROUTES[action];
    let path: string = route.path;
    if (path.includes(':id')) {
      if (typeof args?.id !== 'string' || args.id === '') {
        throw new TollboothError('invalid_request', `${action} needs an id`);
      }
      path = path.replace(':id', encodeURIComponent(args.id));
    }
    return request(options, { ...args, method: route.method, path });
  }

  // Each shorthand's parameters follow from its spec, as `MethodParams` says for the types.
  const methods: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const action of ACTIONS) {
    const spec = ACTION_SPECS[action];
    const invoke = (args: Record<string, unknown> | undefined) => call(action, args as never);
    methods[spec.client] = spec.path.includes(':id')
      ? spec.body === 'fields'
        ? (id: string, input: unknown, o?: CallOptions) => invoke({ ...o, id, input })
        : (id: string, o?: CallOptions) => invoke({ ...o, id })
      : spec.body === 'fields'
        ? (input?: unknown, o?: CallOptions) => invoke({ ...o, input: input ?? {} })
        : (o?: CallOptions) => invoke({ ...o });
  }

  return {
    ...(methods as ClientMethods<K, P>),
    endpoint: endpointOf(options),
    call: call as TollboothClient<K, P>['call'],
  };
}

async function readResponse(response: Response): Promise<unknown> {
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  if (response.ok && payload !== undefined) return payload;
  const error = (payload as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (error && isErrorCode(error.code) && typeof error.message === 'string') {
    throw new TollboothError(error.code, error.message, { status: response.status });
  }
  throw new TollboothError(
    response.ok ? 'upstream_error' : codeForStatus(response.status),
    response.ok ? 'The server sent an unreadable response.' : `The server answered ${response.status}.`,
    { status: response.ok ? 502 : response.status },
  );
}
