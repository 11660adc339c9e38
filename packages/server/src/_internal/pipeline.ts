import { type ActionName, CREATING_ACTIONS, type TollboothError } from '@tollbooth/core';
import { sha256HexSync } from '@tollbooth/core/internal/sha256';
import type { AuditEntry, BillingOwner, TollboothUser } from '../types';
import type { ActionDefinition, InputOf, OutputOf } from './action';
import { authorizeStep, mayBeGranted } from './authorize';
import { checkCsrf } from './csrf';
import { forbidden, internalError, invalidRequest, unauthenticated } from './errors';
import { errorResponse, JSON_LIMIT_BYTES, jsonResponse, parseJsonObject, readLimited } from './http';
import { withLock } from './lock';
import { ownerKey, resolveOwner } from './owner';
import { publicOrigin } from './public-origin';
import { checkRateLimits } from './rate-limit';
import type { ActionContext, OriginOf, Runtime } from './runtime';
import { loadSchemas } from './schemas';
import { newSessionId } from './session';
import { toTollboothError } from './stripe-errors';

const CREATING = new Set<ActionName>(CREATING_ACTIONS);
// The early refusals carry nothing of the request, so one frozen instance of each serves every request.
const REFUSED_ANONYMOUS = Object.freeze(unauthenticated());
const REFUSED_USER = Object.freeze(forbidden());
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

/** What `getUser` returned, checked: `null` or an object with a non-empty string id. */
function checkUser(value: unknown): TollboothUser | null {
  if (value === null || value === undefined) return null;
  const id = (value as { id?: unknown }).id;
  if (typeof value !== 'object' || typeof id !== 'string' || id === '') {
    throw new Error('getUser must return null or an object with a non-empty string id');
  }
  return value as TollboothUser;
}

/** One request's state across the steps: what the audit entry will say, and headers the answer carries. */
interface Served<A extends ActionName> {
  rt: Runtime;
  request: Request;
  requestId: string;
  action: A;
  id: string | undefined;
  audit: AuditEntry;
  headers: Headers;
}

/**
 * Step 3, read body (once the caller may be granted the action, so a refused caller costs no body read): the
 * bounded JSON body on a write, then the query string, which no route reads.
 */
async function readBody(s: Served<ActionName>): Promise<Record<string, unknown>> {
  let body: Record<string, unknown> = {};
  if (s.request.method !== 'GET') body = parseJsonObject(await readLimited(s.request, JSON_LIMIT_BYTES));
  if (hasUnknownQuery(new URL(s.request.url), s.rt.basePath)) {
    throw invalidRequest('This route takes no query parameters.');
  }
  return body;
}

interface Caller {
  /** The verified `Origin` of a write (the CSRF step), `null` on a GET. */
  origin: string | null;
  user: TollboothUser | null;
  /** The key of a signed-in caller's billing owner, which owns idempotency keys; `null` when anonymous. */
  owner: string | null;
  billingOwner: BillingOwner | null;
}

/** Runs one of the app's callbacks; a throw or a malformed answer is a 500 (logged by name), never a guess. */
async function appCallback<T>(s: Served<ActionName>, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    s.rt.logger.error(`tollbooth: ${name} failed`, {
      requestId: s.requestId,
      name: error instanceof Error ? error.name : typeof error,
    });
    throw internalError();
  }
}

/**
 * Step 1, resolve caller: on a write, the CSRF check first (it yields the verified Origin); the user from
 * `getUser` (a throw there is a 500, never anonymous), then the billing owner from `billingOwner` (the app's
 * session decides; nothing in the request names it), whose key owns idempotency keys.
 */
async function resolveCaller(s: Served<ActionName>): Promise<Caller> {
  const origin = s.request.method === 'GET' ? null : checkCsrf(s.request, s.rt);
  const user = await appCallback(s, 'getUser', async () => checkUser(await s.rt.getUser(s.request)));
  s.audit.userId = user?.id ?? null;
  if (!user) return { origin, user, owner: null, billingOwner: null };
  const billingOwner = await appCallback(s, 'billingOwner', () => resolveOwner(s.rt, user, s.request));
  return { origin, user, owner: ownerKey(billingOwner), billingOwner };
}

/**
 * Step 4, anonymous owner: the signed session cookie, checked only now (a refused caller costs no HMAC); an
 * anonymous caller of a creating action without one is given one to own its idempotency keys.
 */
async function anonymousOwner(s: Served<ActionName>): Promise<string> {
  // A cookie this server did not sign is no session: a fresh anonymous caller, who owns nothing.
  let sid = await s.rt.sessions.read(s.request);
  if (sid === null && CREATING.has(s.action)) {
    sid = newSessionId();
    s.headers.append(
      'set-cookie',
      await s.rt.sessions.cookie(sid, s.rt.basePath, publicOrigin(s.request, s.rt)),
    );
  }
  return `anon:${sid ?? ''}`;
}

/** Step 5, client key: the `Idempotency-Key` header, checked for shape; a random one when there is none. */
function readClientKey(request: Request): string {
  const raw = request.headers.get('idempotency-key');
  if (raw !== null && !CLIENT_KEY.test(raw)) {
    throw invalidRequest('Idempotency-Key must be 1–255 printable ASCII characters.');
  }
  // Without a client key every request is its own attempt: a random key still scopes Stripe's retries.
  return raw ?? `random:${crypto.randomUUID()}`;
}

/**
 * Step 6, run: validate → load → authorize → run, in that order, for every action. As a second line of
 * defence, `run` starts only when the authorize step recorded `allow` on the audit entry: were that step ever
 * skipped, the request is refused (500) before anything is written.
 */
export async function perform<A extends ActionName>(
  definition: ActionDefinition<A>,
  ctx: ActionContext<A>,
  body: Record<string, unknown>,
  audit: AuditEntry,
): Promise<OutputOf<A>> {
  // Loaded on the first request rather than at import (see schemas.ts).
  await loadSchemas();
  const input = definition.readInput(ctx.rt, body);
  const lock = definition.serialise?.(ctx, input);
  if (lock === undefined) return loadAuthorizeRun(definition, ctx, input, audit);
  // Held from load to the end of run, in the store, so it serialises requests on every instance.
  return withLock(
    ctx.rt.store,
    `tollbooth:lock:${lock}`,
    'Another request for this is in progress. Retry in a moment.',
    () => loadAuthorizeRun(definition, ctx, input, audit),
  );
}

async function loadAuthorizeRun<A extends ActionName>(
  definition: ActionDefinition<A>,
  ctx: ActionContext<A>,
  input: InputOf<A>,
  audit: AuditEntry,
): Promise<OutputOf<A>> {
  const resource = await definition.load(ctx, input);
  const resourceId = definition.auditId?.(resource);
  if (resourceId !== undefined) audit.resourceId = resourceId;
  await authorizeStep(ctx, input, resource, audit);
  if (audit.decision !== 'allow') {
    ctx.rt.logger.error('tollbooth: an action reached run without an allow decision; refused', {
      requestId: ctx.requestId,
      action: ctx.action,
    });
    throw internalError();
  }
  return definition.run(ctx, input, resource);
}

/** Step 7, audit: one entry per request, after the answer is known; a throwing `onAudit` is logged only. */
async function writeAudit(s: Served<ActionName>, response: Response): Promise<void> {
  s.audit.status = response.status;
  s.audit.at = new Date(s.rt.now()).toISOString();
  if (!s.rt.onAudit) return;
  try {
    await s.rt.onAudit(s.audit);
  } catch (error) {
    s.rt.logger.error('tollbooth: onAudit failed', {
      requestId: s.requestId,
      name: error instanceof Error ? error.name : typeof error,
    });
  }
}

/** The error answer: every failure goes through the one mapper, and `retryAfter` becomes `Retry-After`. */
function answerError(s: Served<ActionName>, error: unknown): Response {
  const mapped: TollboothError = toTollboothError(error, s.rt.logger, s.requestId);
  if (mapped.retryAfter !== undefined) s.headers.set('retry-after', String(mapped.retryAfter));
  s.audit.outcome = mapped.code;
  return errorResponse(mapped, s.requestId, s.headers);
}

/**
 * Serves one action request: CSRF and caller → rate limit → can the policy grant at all (if not, refused before
 * the body is read, a session minted or anything loaded) → read body → anonymous owner → client key → run
 * (validate → load → authorize → run) → audit. Every error is mapped at one place.
 */
export async function runAction<A extends ActionName>(
  rt: Runtime,
  request: Request,
  requestId: string,
  definition: ActionDefinition<A>,
  id: string | undefined,
): Promise<Response> {
  const action = definition.action;
  const s: Served<A> = {
    rt,
    request,
    requestId,
    action,
    id,
    headers: new Headers(),
    audit: {
      at: '',
      requestId,
      userId: null,
      action,
      resourceId: auditableId(id),
      decision: 'deny',
      outcome: 'ok',
      status: 200,
    },
  };
  let response: Response;
  try {
    const { origin, user, owner: billingKey, billingOwner } = await resolveCaller(s);
    await checkRateLimits(rt, action, user, request);
    // Deny before reading or loading: a policy that can never grant this caller the action is not asked to look
    // at Stripe, and the refusal is one shared error (building one, with its stack, per refusal was measurable).
    const grantable = await mayBeGranted(
      rt.authorize,
      user,
      action,
      billingOwner,
      rt.authorizeTimeoutMs,
      rt.logger,
      requestId,
    );
    if (!grantable) throw user ? REFUSED_USER : REFUSED_ANONYMOUS;
    const body = await readBody(s);
    const owner = billingKey ?? (await anonymousOwner(s));
    const clientKey = readClientKey(request);
    const ctx: ActionContext<A> = {
      rt,
      request,
      requestId,
      action,
      user,
      owner,
      billingOwner,
      id,
      // The router matched the route's method, so a write's Origin passed the CSRF step: `OriginOf<A>`.
      origin: origin as OriginOf<A>,
      async idempotencyKey(resource) {
        // Synchronous on purpose: an awaited WebCrypto digest per request was most of a payment intent's cost.
        // The user too: two members of one organisation never share a key, whatever keys their clients send.
        const parts = ['tollbooth/v1', rt.appId, owner, user?.id ?? null, action, resource, clientKey];
        return `tollbooth-${sha256HexSync(JSON.stringify(parts))}`;
      },
      setResourceId(resourceId) {
        s.audit.resourceId = resourceId;
      },
    };
    response = jsonResponse(await perform(definition, ctx, body, s.audit), 200, requestId, s.headers);
  } catch (error) {
    response = answerError(s, error);
  }
  await writeAudit(s, response);
  return response;
}
