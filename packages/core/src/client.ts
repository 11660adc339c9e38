import { type ActionName, type HttpMethod, ROUTES } from './actions';
import { codeForStatus, isErrorCode, TollboothError } from './errors';
import type {
  ActionTypes,
  CatalogKeyOf,
  CatalogResponse,
  CheckoutCreateRequest,
  CheckoutCreateResponse,
  CheckoutSessionSummary,
  InvoiceListResponse,
  PaymentIntentCreateRequest,
  PaymentIntentCreateResponse,
  PaymentMethodDetachResponse,
  PaymentMethodListResponse,
  PaymentMethodSetDefaultResponse,
  PortalCreateRequest,
  PortalCreateResponse,
  RefundCreateRequest,
  RefundCreateResponse,
  SetupIntentCreateResponse,
  SubscriptionListResponse,
  SubscriptionSummary,
} from './wire';

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

export interface CallArgs<K extends string, A extends ActionName> extends CallOptions {
  input?: ActionTypes<K>[A]['input'];
  /** The path id of actions whose route has `:id`. */
  id?: string;
}

/** A typed client with one method per action. `K` is the catalog key type. */
export interface TollboothClient<K extends string = string> {
  readonly endpoint: string;
  /** Calls any action by name; the named methods below are shorthands for it. */
  call<A extends ActionName>(action: A, args?: CallArgs<K, A>): Promise<ActionTypes<K>[A]['output']>;
  getCatalog(options?: CallOptions): Promise<CatalogResponse<K>>;
  createCheckout(input: CheckoutCreateRequest<K>, options?: CallOptions): Promise<CheckoutCreateResponse>;
  getCheckout(id: string, options?: CallOptions): Promise<CheckoutSessionSummary>;
  createPaymentIntent(
    input: PaymentIntentCreateRequest<K>,
    options?: CallOptions,
  ): Promise<PaymentIntentCreateResponse>;
  createSetupIntent(options?: CallOptions): Promise<SetupIntentCreateResponse>;
  listPaymentMethods(options?: CallOptions): Promise<PaymentMethodListResponse>;
  detachPaymentMethod(id: string, options?: CallOptions): Promise<PaymentMethodDetachResponse>;
  setDefaultPaymentMethod(id: string, options?: CallOptions): Promise<PaymentMethodSetDefaultResponse>;
  createPortalSession(input?: PortalCreateRequest, options?: CallOptions): Promise<PortalCreateResponse>;
  listSubscriptions(options?: CallOptions): Promise<SubscriptionListResponse<K>>;
  cancelSubscription(id: string, options?: CallOptions): Promise<SubscriptionSummary<K>>;
  resumeSubscription(id: string, options?: CallOptions): Promise<SubscriptionSummary<K>>;
  listInvoices(options?: CallOptions): Promise<InvoiceListResponse>;
  createRefund(input: RefundCreateRequest, options?: CallOptions): Promise<RefundCreateResponse>;
}

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

const endpointOf = (options: ClientOptions) => (options.endpoint ?? '/api/tollbooth').replace(/\/+$/, '');

/**
 * Creates the typed client. Pass the server's type to learn the catalog keys:
 * `createClient<typeof tollbooth>()` (a type-only import of the server module).
 */
export function createClient<T = unknown>(options: ClientOptions = {}): TollboothClient<CatalogKeyOf<T>> {
  type K = CatalogKeyOf<T>;

  async function call<A extends ActionName>(
    action: A,
    args: CallArgs<K, A> = {},
  ): Promise<ActionTypes<K>[A]['output']> {
    const route = ROUTES[action];
    let path: string = route.path;
    if (path.includes(':id')) {
      if (typeof args.id !== 'string' || args.id === '') {
        throw new TollboothError('invalid_request', `${action} needs an id`);
      }
      path = path.replace(':id', encodeURIComponent(args.id));
    }
    return request(options, { ...args, method: route.method, path });
  }

  return {
    endpoint: endpointOf(options),
    call,
    getCatalog: (o) => call('catalog.read', { ...o }),
    createCheckout: (input, o) => call('checkout.create', { ...o, input }),
    getCheckout: (id, o) => call('checkout.read', { ...o, id }),
    createPaymentIntent: (input, o) => call('paymentIntent.create', { ...o, input }),
    createSetupIntent: (o) => call('setupIntent.create', { ...o, input: {} }),
    listPaymentMethods: (o) => call('paymentMethods.list', { ...o }),
    detachPaymentMethod: (id, o) => call('paymentMethods.detach', { ...o, id }),
    setDefaultPaymentMethod: (id, o) => call('paymentMethods.setDefault', { ...o, id }),
    createPortalSession: (input, o) => call('portal.create', { ...o, input: input ?? {} }),
    listSubscriptions: (o) => call('subscriptions.list', { ...o }),
    cancelSubscription: (id, o) => call('subscriptions.cancel', { ...o, id }),
    resumeSubscription: (id, o) => call('subscriptions.resume', { ...o, id }),
    listInvoices: (o) => call('invoices.list', { ...o }),
    createRefund: (input, o) => call('refunds.create', { ...o, input }),
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
