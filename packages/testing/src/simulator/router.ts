import type { Engine } from './engine';
import { errorResponseBody, SimulatorError, type StripeErrorBody } from './errors';
import type { FormParams } from './form';
import { decodeForm } from './form';
import { IdempotencyStore } from './idempotency';
import { randomToken } from './ids';
import type { DROPPED } from './node-server';
import { allowOnly } from './params';
import type { Route } from './route';
import { matchRoute } from './route';

/** One API request as `sim.requests` records it. */
export interface SimulatorRequest {
  method: string;
  path: string;
  /** The decoded form body (POST) or query (GET, DELETE), nested like Stripe reads it. */
  params: FormParams;
  idempotencyKey?: string;
  apiKey: string;
}

export const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, stripe-version, idempotency-key, stripe-account',
  'access-control-expose-headers': 'request-id, stripe-version, idempotency-key, idempotent-replayed',
  'access-control-max-age': '300',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: {
      'content-type': 'application/json',
      'cache-control': 'no-cache, no-store',
      ...CORS_HEADERS,
      ...headers,
    },
  });
}

function apiKeyOf(request: Request): string | null {
  const header = request.headers.get('authorization') ?? '';
  if (/^bearer /i.test(header)) return header.slice(7).trim();
  if (/^basic /i.test(header)) {
    try {
      return atob(header.slice(6).trim()).split(':')[0] ?? null;
    } catch {
      return null;
    }
  }
  return null;
}

function authError(message: string): SimulatorError {
  return new SimulatorError(401, { type: 'invalid_request_error', message });
}

export interface ApiDeps {
  /** Idempotency keys of requests still being served (only an injected delay keeps one open). */
  inFlight: Set<string>;
  engine: Engine;
  routes: readonly Route[];
  idempotency: IdempotencyStore;
  requests: SimulatorRequest[];
  apiVersion: string;
  /** Applies an injected fault after the request is logged: a response, a drop, or undefined to proceed. */
  fault: (method: string, path: string) => Promise<Response | typeof DROPPED | undefined>;
}

/**
 * Serves `/v1/*`: authenticates, decodes the form body, applies idempotency, dispatches to the route table.
 * Everything after the body is read runs synchronously, so requests are applied one at a time, like one Stripe
 * object lock per account: concurrent refunds or duplicate idempotent requests cannot interleave.
 */
export async function handleApi(
  deps: ApiDeps,
  request: Request,
  url: URL,
): Promise<Response | typeof DROPPED> {
  const method = request.method.toUpperCase();
  const body = method === 'POST' ? await request.text() : '';
  const requestId = `req_${randomToken(14)}`;
  const headers: Record<string, string> = {
    'request-id': requestId,
    'stripe-version': request.headers.get('stripe-version') ?? deps.apiVersion,
  };
  const idempotencyKey =
    method === 'POST' ? (request.headers.get('idempotency-key') ?? undefined) : undefined;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const fail = (error: SimulatorError) => json(error.status, errorResponseBody(error), headers);

  const apiKey = apiKeyOf(request);
  if (!apiKey) {
    return fail(
      authError(
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      ),
    );
  }
  if (!/^(sk|rk|pk)_test_/.test(apiKey)) {
    return fail(
      authError(`Invalid API Key provided: ${apiKey.slice(0, 8)}${'*'.repeat(8)}${apiKey.slice(-4)}`),
    );
  }
  const params = method === 'POST' ? decodeForm(body) : decodeForm(url.searchParams);
  const path = url.pathname.replace(/\/+$/, '');
  deps.requests.push({ method, path, params, ...(idempotencyKey ? { idempotencyKey } : {}), apiKey });
  const scopedKey = idempotencyKey ? `${apiKey}\u0000${idempotencyKey}` : undefined;
  if (scopedKey && deps.inFlight.has(scopedKey)) {
    return fail(
      new SimulatorError(409, {
        type: 'invalid_request_error',
        code: 'idempotency_key_in_use',
        message:
          'There is currently another in-progress request using this Stripe-Idempotency-Key. Please try again later.',
      }),
    );
  }
  // The only await after this point is an injected delay: a duplicate arriving meanwhile gets Stripe's 409.
  if (scopedKey) deps.inFlight.add(scopedKey);
  let faulted: Response | typeof DROPPED | undefined;
  try {
    faulted = await deps.fault(method, url.pathname);
  } finally {
    if (scopedKey) deps.inFlight.delete(scopedKey);
  }
  if (faulted) return faulted;

  const fingerprint = IdempotencyStore.fingerprint(method, path, params);
  if (idempotencyKey) {
    try {
      const stored = deps.idempotency.lookup(apiKey, idempotencyKey, fingerprint);
      if (stored) {
        return new Response(stored.body, {
          status: stored.status,
          headers: {
            'content-type': 'application/json',
            ...CORS_HEADERS,
            ...headers,
            'idempotent-replayed': 'true',
            'original-request': stored.requestId,
          },
        });
      }
    } catch (error) {
      return fail(error as SimulatorError);
    }
  }

  let status = 200;
  let result: unknown;
  const match = matchRoute(deps.routes, method, path);
  try {
    if (!('route' in match)) {
      throw new SimulatorError(404, {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      });
    }
    const publishable = apiKey.startsWith('pk_');
    if (publishable && !match.route.publishable) {
      throw authError(
        'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
      );
    }
    allowOnly(params, match.route.accepts);
    deps.engine.current = { id: requestId, idempotencyKey };
    result = match.route.handler({ engine: deps.engine, params, path: match.path, apiKey, publishable });
  } catch (error) {
    if (error instanceof SimulatorError) {
      status = error.status;
      result = errorResponseBody(error);
    } else {
      status = 500;
      const body: StripeErrorBody = {
        type: 'api_error',
        message: `The simulator failed: ${error instanceof Error ? error.message : String(error)}`,
      };
      result = { error: body };
    }
  } finally {
    deps.engine.current = null;
  }
  const text = JSON.stringify(result, null, 2);
  // Stripe does not save 5xx results, so a retry with the same key runs again.
  if (idempotencyKey && status < 500) {
    deps.idempotency.save(apiKey, idempotencyKey, { fingerprint, status, body: text, requestId });
  }
  return new Response(text, {
    status,
    headers: { 'content-type': 'application/json', ...CORS_HEADERS, ...headers },
  });
}
