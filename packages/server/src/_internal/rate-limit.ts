import { ACTIONS, type ActionName, CREATING_ACTIONS } from '@tollbooth/core';
import type { RateLimitRule, TollboothConfig } from '../types';
import { rateLimited } from './errors';
import type { Runtime } from './runtime';

/** Applied to each action that creates Stripe objects unless configured otherwise. */
export const DEFAULT_RATE_LIMIT: RateLimitRule = { limit: 20, windowSeconds: 60 };

export function resolveRateLimits(
  config: TollboothConfig['rateLimit'],
): Partial<Record<ActionName, RateLimitRule>> {
  if (config === false) return {};
  if (config !== undefined && (typeof config !== 'object' || config === null)) {
    throw new Error('Tollbooth: rateLimit must be false or an object of per-action rules.');
  }
  const out: Partial<Record<ActionName, RateLimitRule>> = {};
  for (const action of CREATING_ACTIONS) out[action] = DEFAULT_RATE_LIMIT;
  for (const [action, rule] of Object.entries(config ?? {}) as Array<[ActionName, RateLimitRule | false]>) {
    // A typo ('paymentIntents.create') would otherwise leave the real action on the default, silently.
    if (!(ACTIONS as readonly string[]).includes(action)) {
      throw new Error(`Tollbooth: rateLimit names an unknown action "${action}".`);
    }
    if (rule === false) {
      delete out[action];
      continue;
    }
    if (
      typeof rule !== 'object' ||
      rule === null ||
      !Number.isInteger(rule.limit) ||
      rule.limit < 1 ||
      !Number.isInteger(rule.windowSeconds) ||
      rule.windowSeconds < 1
    ) {
      throw new Error(
        `Tollbooth: rateLimit['${action}'] needs whole numbers limit >= 1 and windowSeconds >= 1.`,
      );
    }
    out[action] = rule;
  }
  return out;
}

/** Fixed-window counting in the store; 429 with Retry-After past the limit. */
export async function checkRateLimit(rt: Runtime, action: ActionName, subject: string): Promise<void> {
  const rule = rt.rateLimits[action];
  if (!rule) return;
  const nowSeconds = Math.floor(rt.now() / 1000);
  const window = Math.floor(nowSeconds / rule.windowSeconds);
  const count = await rt.store.increment(`rl:${action}:${subject}:${window}`, rule.windowSeconds);
  if (count > rule.limit) {
    const retryAfter = (window + 1) * rule.windowSeconds - nowSeconds;
    throw rateLimited('Too many requests. Retry in a moment.', Math.max(1, retryAfter));
  }
}

/**
 * The default client address: the last `x-forwarded-for` hop, else `x-real-ip`. The last hop is the one the
 * proxy in front of the app appended; earlier hops are whatever the client sent, so keying on the first
 * would let a caller dodge the limit by rotating it. Trust it only behind a proxy.
 */
export function defaultClientAddress(request: Request): string | null {
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  if (last) return last.slice(0, 100);
  return request.headers.get('x-real-ip')?.trim().slice(0, 100) || null;
}
