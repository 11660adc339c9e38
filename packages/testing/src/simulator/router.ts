import type { Engine } from './engine';
import { errorResponseBody, SimulatorError, type StripeErrorBody } from './errors';
import type { FormParams } from './form';
import { decodeForm } from './form';
import { IdempotencyStore } from './idempotency';
import { randomToken } from './ids';
import type { DROPPED } from './node-server';
import { expandList } from './params';
import type { Route } from './route';
import { matchRoute } from './route';
import { operationKey, RULES, validateExpand, validateParams } from './spec';

/** One API request as `sim.requests` records it. */
export interface SimulatorRequest {
  method: string;
  path: string;
  /** The decoded form body (POST) or query (GET, DELETE), nested like Stripe reads it. */
  params: FormParams;
  idempotencyKey?: string;
  apiKey: string;
  /**
   * Params Stripe accepts for this operation that the simulator does not act on (top-level names): the request
   * went through, but a test relying on their effect would pass here and fail on Stripe. With `strict: true` the
   * request is refused instead.
   */
  unimplemented?: string[];
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
  /** Refuse accepted-but-unimplemented params instead of only recording them. */
  strict: boolean;
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
  const logged: SimulatorRequest = {
    method,
    path,
    params,
    ...(idempotencyKey ? { idempotencyKey } : {}),
    apiKey,
  };
  deps.requests.push(logged);
  // Every key of one account shares idempotency keys; a connected account (Stripe-Account) has its own.
  const account = request.headers.get('stripe-account') ?? 'self';
  const scopedKey = idempotencyKey ? IdempotencyStore.scope(account, idempotencyKey) : undefined;
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
      const stored = deps.idempotency.lookup(account, idempotencyKey, fingerprint, deps.engine.now());
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
  // Stripe saves an idempotent result only once the endpoint began executing: a request refused by validation
  // leaves its key free for the corrected retry.
  let executed = false;
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
    checkRequest(match.route, method, params, logged, deps.strict);
    executed = true;
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
  if (idempotencyKey && executed && status < 500) {
    deps.idempotency.save(account, idempotencyKey, {
      fingerprint,
      status,
      body: text,
      requestId,
      savedAt: deps.engine.now(),
    });
  }
  return new Response(text, {
    status,
    headers: { 'content-type': 'application/json', ...CORS_HEADERS, ...headers },
  });
}

/**
 * Validates a request against the operation's rules (spec + newer-api.ts), then its `expand[]`, then records (or,
 * strict, refuses) the accepted params the route does not implement.
 */
function checkRequest(
  route: Route,
  method: string,
  params: FormParams,
  logged: SimulatorRequest,
  strict: boolean,
): void {
  const operation = RULES.operations[operationKey(method, route.path)];
  if (!operation) throw new Error(`No spec rule for ${method} ${route.path}: add it to spec/newer-api.ts`);
  validateParams(RULES.nodes, operation.params, params);
  validateExpand(RULES, operation.response, expandList(params));
  const unimplemented = Object.keys(params).filter(
    (key) => key !== 'expand' && !route.implements.includes(key),
  );
  if (!unimplemented.length) return;
  logged.unimplemented = unimplemented;
  if (strict) {
    throw new SimulatorError(400, {
      type: 'invalid_request_error',
      code: 'parameter_unimplemented',
      message: `The simulator accepts but does not implement: ${unimplemented.join(', ')}. It would ignore them where Stripe acts on them (strict: true refuses such requests).`,
      param: unimplemented[0],
    });
  }
}
