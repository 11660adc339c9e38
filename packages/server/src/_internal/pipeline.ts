import { type ActionName, CREATING_ACTIONS, TollboothError } from '@tollbooth/core';
import type { AnyAuthorizeContext, AuditEntry, TollboothUser } from '../types';
import { isGranted, mayBeGranted } from './authorize';
import { checkCsrf } from './csrf';
import {
  errorResponse,
  JSON_LIMIT_BYTES,
  jsonResponse,
  parseJsonObject,
  readLimited,
  sha256Hex,
} from './http';
import { publicOrigin } from './public-origin';
import { checkRateLimits } from './rate-limit';
import type { ActionContext, Runtime } from './runtime';
import { newSessionId } from './session';
import { fromStripeError } from './stripe-errors';

export type ActionHandler = (ctx: ActionContext) => Promise<unknown>;

const CREATING = new Set<ActionName>(CREATING_ACTIONS);
// Printable ASCII, as Stripe accepts for its own keys; components send UUIDs.
const CLIENT_KEY = /^[\x21-\x7e]{1,255}$/;
// What a path id may look like to be written into an audit entry: an id's shape, never a client secret.
const AUDITABLE_ID = /^[A-Za-z0-9_]{1,255}$/;

/**
 * No route reads the query string, so a parameter there is an unknown field (an id smuggled in it can never steer
 * an action). Next.js on edge runtimes repeats the catch-all segments as query parameters (`nxtP<name>`, or
 * `<name>` once normalised): a parameter whose values are exactly the path below `basePath` is tolerated.
 */
function hasUnknownQuery(url: URL, basePath: string): boolean {
  if (url.search === '') return false;
  const below = url.pathname.slice(basePath.length + 1).split('/');
  const segments = below.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    const isCatchAll = values.join('/') === segments.join('/') || values.join('/') === below.join('/');
    if (!isCatchAll) return true;
  }
  return false;
}

/** The path id as the audit entry records it before the action validates it; odd or secret-looking ids are left out. */
function auditableId(id: string | undefined): string | null {
  return id !== undefined && AUDITABLE_ID.test(id) && !id.includes('_secret') ? id : null;
}

function checkUser(value: unknown): TollboothUser | null {
  if (value === null || value === undefined) return null;
  const id = (value as { id?: unknown }).id;
  if (typeof value !== 'object' || typeof id !== 'string' || id === '') {
    throw new Error('getUser must return null or an object with a non-empty string id');
  }
  return value as TollboothUser;
}

/**
 * Runs one action: CSRF → body → user → rate limit → the action (validate → load → authorize → Stripe → map),
 * then maps any error at one place and writes one audit entry.
 */
export async function runAction(
  rt: Runtime,
  request: Request,
  requestId: string,
  action: ActionName,
  id: string | undefined,
  handler: ActionHandler,
): Promise<Response> {
  const audit: AuditEntry = {
    at: '',
    requestId,
    userId: null,
    action,
    resourceId: auditableId(id),
    decision: 'deny',
    outcome: 'ok',
    status: 200,
  };
  const headers = new Headers();
  let response: Response;
  try {
    let body: Record<string, unknown> = {};
    if (request.method !== 'GET') {
      checkCsrf(request, rt);
      body = parseJsonObject(await readLimited(request, JSON_LIMIT_BYTES));
    }
    if (hasUnknownQuery(new URL(request.url), rt.basePath)) {
      throw new TollboothError('invalid_request', 'This route takes no query parameters.');
    }
    let user: TollboothUser | null;
    try {
      user = checkUser(await rt.getUser(request));
    } catch (error) {
      rt.logger.error('tollbooth: getUser failed', {
        requestId,
        name: error instanceof Error ? error.name : typeof error,
      });
      throw new TollboothError('internal_error', 'Something went wrong.');
    }
    audit.userId = user?.id ?? null;
    let owner: string;
    if (user) owner = `user:${user.id}`;
    else {
      // A cookie this server did not sign is no session: a fresh anonymous caller, who owns nothing.
      let sid = await rt.sessions.read(request);
      if (sid === null && CREATING.has(action)) {
        sid = newSessionId();
        headers.append('set-cookie', await rt.sessions.cookie(sid, rt.basePath, publicOrigin(request, rt)));
      }
      owner = `anon:${sid ?? ''}`;
    }
    await checkRateLimits(rt, action, user, request);
    // Deny before loading: a policy that can never grant this caller the action is not asked to look at Stripe.
    if (!(await mayBeGranted(rt.authorize, user, action, rt.authorizeTimeoutMs, rt.logger, requestId))) {
      throw user
        ? new TollboothError('forbidden', 'You are not allowed to do this.')
        : new TollboothError('unauthenticated', 'Sign in to continue.');
    }

    const rawKey = request.headers.get('idempotency-key');
    if (rawKey !== null && !CLIENT_KEY.test(rawKey)) {
      throw new TollboothError(
        'invalid_request',
        'Idempotency-Key must be 1–255 printable ASCII characters.',
      );
    }
    // Without a client key every request is its own attempt: a random key still scopes Stripe's retries.
    const clientKey = rawKey ?? `random:${crypto.randomUUID()}`;

    const ctx: ActionContext = {
      rt,
      request,
      requestId,
      action,
      user,
      owner,
      body,
      id,
      clientKey: rawKey,
      async authorize(input, resource, resourceId) {
        if (resourceId !== undefined) audit.resourceId = resourceId;
        const granted = await isGranted(
          rt.authorize,
          [user, action, { action, request, input, resource } as AnyAuthorizeContext],
          rt.authorizeTimeoutMs,
          rt.logger,
          requestId,
        );
        if (!granted) {
          throw user
            ? new TollboothError('forbidden', 'You are not allowed to do this.')
            : new TollboothError('unauthenticated', 'Sign in to continue.');
        }
        audit.decision = 'allow';
      },
      async idempotencyKey(resource) {
        const digest = await sha256Hex(JSON.stringify(['tollbooth/v1', owner, action, resource, clientKey]));
        return `tollbooth-${digest}`;
      },
      setResourceId(resourceId) {
        audit.resourceId = resourceId;
      },
    };
    const result = await handler(ctx);
    response = jsonResponse(result, 200, requestId, headers);
  } catch (error) {
    const mapped = fromStripeError(error, rt.logger, requestId);
    const retryAfter = (mapped as { retryAfter?: unknown }).retryAfter;
    if (typeof retryAfter === 'number') headers.set('retry-after', String(retryAfter));
    response = errorResponse(mapped, requestId, headers);
    audit.outcome = mapped.code;
  }
  audit.status = response.status;
  audit.at = new Date(rt.now()).toISOString();
  if (rt.onAudit) {
    try {
      await rt.onAudit(audit);
    } catch (error) {
      rt.logger.error('tollbooth: onAudit failed', {
        requestId,
        name: error instanceof Error ? error.name : typeof error,
      });
    }
  }
  return response;
}
