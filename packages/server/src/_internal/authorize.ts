import type { ActionName, BillingState } from '@tollbooth/core';
import { noneState } from '../billing/state';
import { billingOf } from '../billing/sync';
import type {
  ActionResources,
  AnyAuthorizeContext,
  AuditEntry,
  AuthorizeFn,
  BillingOwner,
  TollboothLogger,
  TollboothUser,
} from '../types';
import type { InputOf } from './action';
import { forbidden, unauthenticated } from './errors';
import type { ActionContext } from './runtime';

/**
 * Runs `authorize` and returns true only when it resolved to literal `true` in time. Anything else (`1`,
 * `"true"`, `{}`, `undefined`), a throw, or a timeout is a denial.
 */
export function isGranted(
  authorize: AuthorizeFn,
  args: [TollboothUser | null, ActionName, AnyAuthorizeContext],
  timeoutMs: number,
  logger: TollboothLogger,
  requestId: string,
): Promise<boolean> {
  return literalTrue('authorize', () => authorize(...args), args[1], timeoutMs, logger, requestId);
}

/**
 * Asks the policy's optional `canGrant(user, action, owner)` before anything is loaded: when it says the action can never
 * be granted to this caller (rbac: none of their roles names it), the request is refused without a Stripe call.
 * Without `canGrant` the answer is "maybe", and `authorize` decides on the loaded resource as always.
 */
export async function mayBeGranted(
  authorize: AuthorizeFn,
  user: TollboothUser | null,
  action: ActionName,
  owner: BillingOwner | null,
  timeoutMs: number,
  logger: TollboothLogger,
  requestId: string,
): Promise<boolean> {
  const canGrant = authorize.canGrant;
  if (typeof canGrant !== 'function') return true;
  return literalTrue('canGrant', () => canGrant(user, action, owner), action, timeoutMs, logger, requestId);
}

async function literalTrue(
  name: string,
  ask: () => unknown,
  action: ActionName,
  timeoutMs: number,
  logger: TollboothLogger,
  requestId: string,
): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(ask), timeout]);
    if (result === 'timeout') {
      logger.warn(`tollbooth: ${name} timed out; denying`, { requestId, action });
      return false;
    }
    return result === true;
  } catch (error) {
    logger.warn(`tollbooth: ${name} threw; denying`, {
      requestId,
      action,
      name: error instanceof Error ? error.name : typeof error,
    });
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The pipeline's authorize step: asks `authorize` about the loaded resource and records `allow` on the audit
 * entry, or throws 401 (no user) / 403. The pipeline answers a success only when this recorded `allow`.
 */
export async function authorizeStep<A extends ActionName>(
  ctx: ActionContext<A>,
  input: InputOf<A>,
  resource: ActionResources[A],
  audit: AuditEntry,
): Promise<void> {
  let billing: Promise<BillingState> | undefined;
  const { rt, billingOwner } = ctx;
  const context = {
    action: ctx.action,
    request: ctx.request,
    input,
    resource,
    owner: billingOwner,
    billing: () => {
      billing ??= billingOwner ? billingOf(rt, billingOwner) : Promise.resolve(noneState(rt.plans, null));
      return billing;
    },
    // A correlated union the compiler cannot follow: `action`, `input` and `resource` all belong to `A`.
  } as AnyAuthorizeContext;
  const granted = await isGranted(
    ctx.rt.authorize,
    [ctx.user, ctx.action, context],
    ctx.rt.authorizeTimeoutMs,
    ctx.rt.logger,
    ctx.requestId,
  );
  if (!granted) throw ctx.user ? forbidden() : unauthenticated();
  audit.decision = 'allow';
}
