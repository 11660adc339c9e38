import Stripe from 'stripe';
import {
  type AuditEntry,
  createTollbooth,
  memoryStore,
  rbac,
  type TollboothConfig,
  type TollboothLogger,
  type TollboothUser,
} from '../src/index';

export const ORIGIN = 'https://shop.test';
export const BASE = `${ORIGIN}/api/tollbooth`;
export const WHSEC = 'whsec_test_secret_1';

export interface StripeCall {
  method: string;
  path: string;
  body: string;
  idempotencyKey: string | null;
}

/**
 * A real Stripe SDK whose HTTP goes through `handler` (the simulator's `fetch`, or a failing stand-in), with
 * every request recorded so a test can assert that no Stripe write happened.
 */
export function recordingStripe(
  handler?: (request: Request) => Promise<Response>,
  apiKey = 'sk_test_tollbooth_unit',
) {
  const calls: StripeCall[] = [];
  const fetchFn = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(url, init);
    const body = request.method === 'GET' ? '' : await request.clone().text();
    calls.push({
      method: request.method,
      path: new URL(request.url).pathname,
      body,
      idempotencyKey: request.headers.get('idempotency-key'),
    });
    if (handler) return handler(request);
    // The one read every signed-in request may make before authorize: finding the caller's customer (none here).
    if (request.method === 'GET' && new URL(request.url).pathname === '/v1/customers/search') {
      const empty = {
        object: 'search_result',
        data: [],
        has_more: false,
        next_page: null,
        url: '/v1/customers/search',
      };
      return new Response(JSON.stringify(empty), { headers: { 'content-type': 'application/json' } });
    }
    return new Response(JSON.stringify({ error: { type: 'api_error', message: 'no Stripe in this test' } }), {
      status: 500,
      headers: { 'content-type': 'application/json' },
    });
  };
  const stripe = new Stripe(apiKey, {
    httpClient: Stripe.createFetchHttpClient(fetchFn as typeof fetch),
    maxNetworkRetries: 0,
  });
  return { stripe, calls, writes: () => calls.filter((c) => c.method !== 'GET') };
}

/** A logger that keeps every line, to scan for leaks. */
export function captureLogger(): TollboothLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    warn: (m, f) => lines.push(`${m} ${JSON.stringify(f ?? {})}`),
    error: (m, f) => lines.push(`${m} ${JSON.stringify(f ?? {})}`),
  };
}

/** Users come from an `x-test-user` header: `id` or `id:role1,role2` (a stand-in for the app's session). */
export function headerUser(request: Request): TollboothUser | null {
  const raw = request.headers.get('x-test-user');
  if (!raw) return null;
  const [id, roles] = raw.split(':');
  return { id: id as string, email: `${id}@example.test`, roles: roles ? roles.split(',') : ['customer'] };
}

export const testPolicy = rbac({
  anonymous: ['catalog.read', 'checkout.create', 'checkout.read', 'paymentIntent.create'],
  customer: [
    'checkout.*',
    'paymentIntent.create',
    'setupIntent.create',
    'paymentMethods.*',
    'portal.create',
    'subscriptions.*',
    'invoices.list',
    'billing.read',
  ],
  support: { 'refunds.create': ({ input, resource }) => (input.amount ?? resource.amount_received) <= 5000 },
  admin: ['*'],
});

/** The config every server test starts from; `overrides` replace fields. */
export function testConfig(overrides: Partial<TollboothConfig> = {}) {
  const recorder = recordingStripe();
  const audit: AuditEntry[] = [];
  const logger = captureLogger();
  const config: TollboothConfig = {
    stripe: recorder.stripe,
    getUser: headerUser,
    authorize: testPolicy,
    catalog: { prices: { basic: 'price_basic', pro: 'price_pro', euro: 'price_euro', old: 'price_old' } },
    webhooks: { secret: WHSEC, on: {} },
    store: memoryStore(),
    onAudit: (entry) => {
      audit.push(entry);
    },
    logger,
    rateLimit: false,
    ...overrides,
  };
  return { config, recorder, audit, logger };
}

export function setup(overrides: Partial<TollboothConfig> = {}) {
  const t = testConfig(overrides);
  return { ...t, tollbooth: createTollbooth(t.config) };
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  user?: string;
  origin?: string | null;
  contentType?: string | null;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

/** Builds a Request as the browser client would send it; each default can be overridden to attack it. */
export function call(path: string, options: CallOptions = {}): Request {
  const method = options.method ?? (options.body !== undefined ? 'POST' : 'GET');
  const headers = new Headers(options.headers);
  if (method !== 'GET') {
    if (options.origin !== null) headers.set('origin', options.origin ?? ORIGIN);
    if (options.contentType !== null) headers.set('content-type', options.contentType ?? 'application/json');
  }
  if (options.user) headers.set('x-test-user', options.user);
  if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);
  const body =
    method === 'GET' || method === 'HEAD'
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body ?? {});
  return new Request(`${BASE}${path}`, { method, headers, body });
}

export async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}

/** Stripe's signature scheme, computed with Web Crypto: `t=<ts>,v1=<hex HMAC-SHA256(secret, "<ts>.<payload>")>`. */
export async function sign(payload: string, secret: string, timestamp: number): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}.${payload}`));
  const hex = Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
  return `t=${timestamp},v1=${hex}`;
}
