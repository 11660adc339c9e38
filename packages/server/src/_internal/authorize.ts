import type { ActionName, BillingState } from '@tollbooth/core';
import { noneState } from '../billing/state';
import { billingOf } from '../billing/sync';
import type {
  ActionResources,
  AnyAuthorizeContext,
  AuditEntry,
  AuthorizeFn,
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
export async function isGranted(
  authorize: AuthorizeFn,
  args: [TollboothUser | null, ActionName, AnyAuthorizeContext],
  timeoutMs: number,
  logger: TollboothLogger,
  requestId: string,
): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(() => authorize(...args)), timeout]);
    if (result === 'timeout') {
      logger.warn('tollbooth: authorize timed out; denying', { requestId, action: args[1] });
      return false;
    }
    return result === true;
  } catch (error) {
    logger.warn('tollbooth: authorize threw; denying', {
      requestId,
      action: args[1],
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
  const { rt, user } = ctx;
  const context = {
    action: ctx.action,
    request: ctx.request,
    input,
    resource,
    billing: () => {
      billing ??= user ? billingOf(rt, user) : Promise.resolve(noneState(rt.plans, null));
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
