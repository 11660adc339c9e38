import type { ActionName } from '@tollbooth/core';
import type { AnyAuthorizeContext, AuthorizeFn, TollboothLogger, TollboothUser } from '../types';

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
