/**
 * The system under test, assembled as an app would: the real `createTollbooth(...).handle`, the real `stripe`
 * SDK, and the simulator behind it over loopback HTTP. Every response passes through the leak scanner and the
 * contract checks; every log line, logger call and audit entry is captured for the scan.
 */
import { type ActionName, ERROR_STATUS, ROUTES } from '@tollbooth/core';
import {
  type AuditEntry,
  type AuthorizeFn,
  createTollbooth,
  memoryStore,
  rbac,
  type TollboothConfig,
  type TollboothUser,
} from '@tollbooth/server';
import { createStripeSimulator, type SimulatorRequest, type StripeSimulator } from '@tollbooth/testing';
import Stripe from 'stripe';
import { record } from './figures';
import { captured, scan } from './leaks';

export const SHOP = 'https://shop.example.com';
/** A second origin the app lists in `origins` (its admin site). */
export const ADMIN_SITE = 'https://admin.example.com';
export const BASE_PATH = '/api/tollbooth';
export const SECRET_KEY = 'sk_test_tollboothSecurity0123456789';
export const WEBHOOK_SECRET = 'whsec_tollboothCurrent0123456789abcdef';
export const OLD_WEBHOOK_SECRET = 'whsec_tollboothPrevious0123456789abcdef';

/** Stripe prices in the simulator. `hidden` exists in Stripe but is not in the catalog. */
export const PRICES = [
  { id: 'price_basic', product: 'prod_basic', unit_amount: 1500, currency: 'usd' },
  {
    id: 'price_pro',
    product: 'prod_pro',
    unit_amount: 4900,
    currency: 'usd',
    recurring: { interval: 'month' },
  },
  { id: 'price_big', product: 'prod_big', unit_amount: 20_000, currency: 'usd' },
  { id: 'price_eur', product: 'prod_eur', unit_amount: 1000, currency: 'eur' },
  { id: 'price_mini', product: 'prod_basic', unit_amount: 250, currency: 'usd' },
  { id: 'price_yen', product: 'prod_eur', unit_amount: 500, currency: 'jpy' },
  { id: 'price_huge', product: 'prod_big', unit_amount: 1_000_000, currency: 'usd' },
  { id: 'price_retired', product: 'prod_basic', unit_amount: 900, currency: 'usd', active: false },
  { id: 'price_hidden', product: 'prod_basic', unit_amount: 1, currency: 'usd' },
] as const;
export const PRODUCTS = [
  { id: 'prod_basic', name: 'Basic' },
  { id: 'prod_pro', name: 'Pro' },
  { id: 'prod_big', name: 'Big' },
  { id: 'prod_eur', name: 'Euro' },
];
/** The app's catalog: keys the browser uses → price ids. */
export const CATALOG = {
  basic: 'price_basic',
  pro: 'price_pro',
  big: 'price_big',
  eur: 'price_eur',
  mini: 'price_mini',
  yen: 'price_yen',
  huge: 'price_huge',
  retired: 'price_retired',
} as const;

/** Self-service actions a plain customer may run (everything but staff refunds). */
export const SELF_SERVICE = (Object.keys(ROUTES) as ActionName[]).filter((a) => a !== 'refunds.create');

/** The app's users, found by the `tb_session` cookie. `support` may refund up to 50.00. */
export const USERS: Record<string, TollboothUser> = {
  alice: { id: 'u_alice', email: 'alice@example.com', roles: ['customer'] },
  bob: { id: 'u_bob', email: 'bob@example.com', roles: ['customer'] },
  carol: { id: 'u_carol', email: 'carol@example.com', roles: ['customer'] },
  dave: { id: 'u_dave', email: 'dave@example.com', roles: ['customer'] },
  support: { id: 'u_support', email: 'support@example.com', roles: ['support'] },
  admin: { id: 'u_admin', email: 'admin@example.com', roles: ['admin'] },
};

export const defaultAuthorize: AuthorizeFn = rbac({
  anonymous: ['catalog.read'],
  customer: SELF_SERVICE,
  support: {
    ...Object.fromEntries(SELF_SERVICE.map((a) => [a, true])),
    'refunds.create': ({ resource }) => resource.amount <= 5000,
  },
  admin: ['*'],
});

export type SimRequest = SimulatorRequest;

export interface CallOptions {
  /** The user name (a key of USERS or one added with `addUser`); `null` for anonymous. @default 'alice' */
  as?: string | null;
  /** The raw `:id` path segment, inserted as given (encode it yourself). */
  id?: string;
  /** An object is sent as JSON; a string, bytes or a stream as they are; `undefined` sends no body. */
  body?: unknown;
  /** Extra headers; `null` removes a default one. */
  headers?: Record<string, string | null>;
  /** @default SHOP on non-GET requests */
  origin?: string | null;
  /** @default 'application/json' on non-GET requests */
  contentType?: string | null;
  method?: string;
  /** A raw path relative to the base path, instead of the action's route. */
  path?: string;
  /** A raw query string, without `?`. */
  query?: string;
  idempotencyKey?: string;
  /** Which of the harness's server instances answers (see `HarnessOptions.instances`). @default 0 */
  instance?: number;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field in the cases.
  json: any;
  /** Stripe writes (non-GET API requests) the simulator received during the call. */
  writes: SimRequest[];
}

export interface HarnessOptions {
  authorize?: AuthorizeFn;
  /** Overrides merged into the config after the defaults. */
  config?: Partial<TollboothConfig>;
  /** Stripe SDK options (a timeout for fault tests). */
  stripe?: Stripe.StripeConfig;
  /** The API key the app's Stripe client uses. @default SECRET_KEY */
  secretKey?: string;
  /** How many server instances share the one store and the one Stripe account, as behind a load balancer. @default 1 */
  instances?: number;
}

export interface Harness {
  sim: StripeSimulator;
  stripe: Stripe;
  handle: (request: Request) => Promise<Response>;
  audit: AuditEntry[];
  /** Every `authorize` call, in order. */
  authorizeCalls: Array<{
    user: TollboothUser | null;
    action: ActionName;
    resource: unknown;
    input: unknown;
  }>;
  call(action: ActionName | null, options?: CallOptions): Promise<CallResult>;
  /** Builds the Request `call` would send, for tests that need to send it themselves. */
  build(action: ActionName | null, options?: CallOptions): Request;
  /** Sends a prepared Request through the scanner and contract checks. */
  send(request: Request, viewer: string | null, instance?: number): Promise<CallResult>;
  /** Stripe writes recorded since `mark` (a value of `writeMark()`). */
  writesSince(mark: number): SimRequest[];
  /** Every Stripe API request (reads too) recorded since `mark`. */
  stripeCallsSince(mark: number): SimRequest[];
  writeMark(): number;
  addUser(name: string, user: TollboothUser): void;
  close(): Promise<void>;
}

/** Which user owns each client secret handed out, so a secret shown to anyone else counts as a leak. */
const secretOwners = new Map<string, string>();

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = createStripeSimulator({
    products: PRODUCTS,
    prices: PRICES.map((p) => ({ ...p })),
  });
  const server = await sim.listen(0);
  const stripe = new Stripe(options.secretKey ?? SECRET_KEY, {
    host: '127.0.0.1',
    port: server.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    ...options.stripe,
  });
  const users = new Map(Object.entries(USERS));
  const audit: AuditEntry[] = [];
  const authorizeCalls: Harness['authorizeCalls'] = [];
  const inner = options.authorize ?? defaultAuthorize;
  const authorize = ((user, action, context) => {
    authorizeCalls.push({ user, action, resource: context.resource, input: context.input });
    return (inner as (...a: unknown[]) => ReturnType<AuthorizeFn>)(user, action, context);
  }) as AuthorizeFn;
  // The policy's pre-check (rbac has one) goes through unchanged, so deny-before-load is what the app gets.
  if (inner.canGrant) authorize.canGrant = inner.canGrant;

  const config = {
    stripe,
    basePath: BASE_PATH,
    getUser: (request) => {
      const session = /(?:^|;\s*)tb_session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      return (session && users.get(session)) || null;
    },
    authorize,
    catalog: { prices: CATALOG },
    // The plan the plan-change routes act on; a test with its own catalog has no `pro` key, so no plan either.
    ...(options.config?.catalog ? {} : { plans: { pro: { prices: ['pro'] } } }),
    // The shop and its admin site: the only public origins, whatever Host a request names.
    origins: [SHOP, ADMIN_SITE],
    // One store, so several instances share claims, locks and counters as they would on Redis.
    store: memoryStore(),
    webhooks: { secret: [WEBHOOK_SECRET, OLD_WEBHOOK_SECRET], on: {} },
    rateLimit: false,
    onAudit: (entry) => {
      audit.push(entry);
      captured.lines.push(`audit: ${JSON.stringify(entry)}`);
    },
    logger: {
      warn: (message, fields) => captured.lines.push(`logger.warn: ${message} ${safeJson(fields)}`),
      error: (message, fields) => captured.lines.push(`logger.error: ${message} ${safeJson(fields)}`),
    },
    ...options.config,
  } as TollboothConfig;
  const instances = Array.from({ length: options.instances ?? 1 }, () => createTollbooth(config));
  const tollbooth = instances[0]!;

  const requests = (): SimRequest[] => sim.requests;
  const writeMark = () => requests().length;
  const stripeCallsSince = (mark: number) =>
    requests()
      .slice(mark)
      .filter((r) => r.path.startsWith('/v1/'));
  const writesSince = (mark: number) => stripeCallsSince(mark).filter((r) => r.method !== 'GET');

  function build(action: ActionName | null, o: CallOptions = {}): Request {
    const route = action ? ROUTES[action] : undefined;
    const method = o.method ?? route?.method ?? 'GET';
    let path = o.path ?? route?.path ?? '/';
    if (o.id !== undefined) path = path.replace(':id', o.id);
    const url = `${SHOP}${BASE_PATH}${path}${o.query === undefined ? '' : `?${o.query}`}`;
    const headers = new Headers();
    const as = o.as === undefined ? 'alice' : o.as;
    if (as !== null) headers.set('cookie', `tb_session=${as}`);
    const writes = method !== 'GET' && method !== 'HEAD';
    const origin = o.origin === undefined ? (writes ? SHOP : null) : o.origin;
    if (origin !== null) headers.set('origin', origin);
    const contentType = o.contentType === undefined ? (writes ? 'application/json' : null) : o.contentType;
    if (contentType !== null) headers.set('content-type', contentType);
    if (o.idempotencyKey) headers.set('idempotency-key', o.idempotencyKey);
    for (const [k, v] of Object.entries(o.headers ?? {})) {
      if (v === null) headers.delete(k);
      else headers.set(k, v);
    }
    let body: BodyInit | undefined;
    if (o.body === undefined) body = undefined;
    else if (typeof o.body === 'string' || o.body instanceof Uint8Array || o.body instanceof ReadableStream) {
      body = o.body as BodyInit;
    } else body = JSON.stringify(o.body);
    return new Request(url, {
      method,
      headers,
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
  }

  async function send(request: Request, viewer: string | null, instance = 0): Promise<CallResult> {
    const mark = writeMark();
    const target = instances[instance];
    if (!target) throw new Error(`no server instance ${instance}`);
    const response = await target.handle(request);
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    checkResponse(request, response, text, json, viewer ?? 'anonymous');
    return { status: response.status, headers: response.headers, text, json, writes: writesSince(mark) };
  }

  return {
    sim,
    stripe,
    handle: (r) => tollbooth.handle(r),
    audit,
    authorizeCalls,
    build,
    send,
    call: (action, o = {}) => send(build(action, o), o.as === undefined ? 'alice' : o.as, o.instance),
    writesSince,
    stripeCallsSince,
    writeMark,
    addUser: (name, user) => users.set(name, user),
    close: () => server.close(),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

/** Leak scan and contract checks applied to every response of the suite. */
function checkResponse(
  request: Request,
  response: Response,
  text: string,
  json: unknown,
  viewer: string,
): void {
  const where = `${request.method} ${new URL(request.url).pathname} → ${response.status}`;
  const allowed = new Set<string>();
  const body = json as { id?: unknown; clientSecret?: unknown } | undefined;
  if (response.ok && typeof body?.clientSecret === 'string' && typeof body.id === 'string') {
    const owner = secretOwners.get(body.clientSecret);
    if (body.clientSecret.startsWith(`${body.id}_secret_`) && (owner === undefined || owner === viewer)) {
      allowed.add(body.clientSecret);
      secretOwners.set(body.clientSecret, viewer);
    }
  }
  scan('response bodies', where, text, allowed);
  scan('response headers', where, [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n'));

  if (!response.headers.get('x-request-id')) record('contract', `${where}: no x-request-id`);
  if (!/no-store/.test(response.headers.get('cache-control') ?? ''))
    record('contract', `${where}: not no-store`);
  if (!response.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' ? error.code : undefined;
    if (
      !code ||
      typeof error?.message !== 'string' ||
      ERROR_STATUS[code as keyof typeof ERROR_STATUS] !== response.status
    ) {
      record('contract', `${where}: error body ${text.slice(0, 120)}`);
    }
  }
}
