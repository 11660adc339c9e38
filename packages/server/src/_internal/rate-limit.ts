import { ACTIONS, type ActionName, CREATING_ACTIONS } from '@tollbooth/core';
import type { RateLimitRule, TollboothConfig, TollboothUser } from '../types';
import { rateLimited } from './errors';
import type { Runtime } from './runtime';

/** Applied to each action that creates Stripe objects unless configured otherwise. */
export const DEFAULT_RATE_LIMIT: RateLimitRule = { limit: 20, windowSeconds: 60 };
/** Applied to each route that reads from Stripe on every request (its loads and lists). */
export const DEFAULT_READ_LIMIT: RateLimitRule = { limit: 60, windowSeconds: 60 };
/** All anonymous creations together, whatever address they claim: card testing rotates addresses. */
export const DEFAULT_ANONYMOUS_CEILING: RateLimitRule = { limit: 100, windowSeconds: 60 };

/**
 * Routes that call Stripe on every request. `catalog.read` is not among them: it is served from the price
 * cache (missing prices cached too), so it reaches Stripe at most once per price per `priceCacheSeconds`.
 */
export const READING_ACTIONS = [
  'checkout.read',
  'paymentMethods.list',
  'paymentMethods.detach',
  'paymentMethods.setDefault',
  'subscriptions.list',
  'subscriptions.cancel',
  'subscriptions.resume',
  'invoices.list',
] as const satisfies readonly ActionName[];

/** The rule key for the ceiling on all anonymous creations together. */
export const ANONYMOUS = 'anonymous';
type RuleKey = ActionName | typeof ANONYMOUS;

export function resolveRateLimits(
  config: TollboothConfig['rateLimit'],
): Partial<Record<RuleKey, RateLimitRule>> {
  if (config === false) return {};
  if (config !== undefined && (typeof config !== 'object' || config === null)) {
    throw new Error('Tollbooth: rateLimit must be false or an object of per-action rules.');
  }
  const out: Partial<Record<RuleKey, RateLimitRule>> = { [ANONYMOUS]: DEFAULT_ANONYMOUS_CEILING };
  for (const action of CREATING_ACTIONS) out[action] = DEFAULT_RATE_LIMIT;
  for (const action of READING_ACTIONS) out[action] = DEFAULT_READ_LIMIT;
  for (const [key, rule] of Object.entries(config ?? {}) as Array<[RuleKey, RateLimitRule | false]>) {
    // A typo ('paymentIntents.create') would otherwise leave the real action on the default, silently.
    if (key !== ANONYMOUS && !(ACTIONS as readonly string[]).includes(key)) {
      throw new Error(`Tollbooth: rateLimit names an unknown action "${key}".`);
    }
    if (rule === false) {
      delete out[key];
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
        `Tollbooth: rateLimit['${key}'] needs whole numbers limit >= 1 and windowSeconds >= 1.`,
      );
    }
    out[key] = rule;
  }
  return out;
}

const CREATING = new Set<ActionName>(CREATING_ACTIONS);

/**
 * The limits in front of an action: per user, or per client address when anonymous (an unknown address is one
 * shared subject, so a missing `trustProxy` fails closed), then, for an anonymous creation, the ceiling.
 */
export async function checkRateLimits(
  rt: Runtime,
  action: ActionName,
  user: TollboothUser | null,
  request: Request,
): Promise<void> {
  const subject = user ? `user:${user.id}` : `addr:${rt.getClientAddress(request) ?? 'unknown'}`;
  await countHit(rt, action, `${action}:${subject}`);
  if (!user && CREATING.has(action)) await countHit(rt, ANONYMOUS, 'anonymous:all');
}

/** Fixed-window counting in the store; 429 with Retry-After past the limit. */
async function countHit(rt: Runtime, key: RuleKey, counter: string): Promise<void> {
  const rule = rt.rateLimits[key];
  if (!rule) return;
  const nowSeconds = Math.floor(rt.now() / 1000);
  const window = Math.floor(nowSeconds / rule.windowSeconds);
  const count = await rt.store.increment(`rl:${counter}:${window}`, rule.windowSeconds);
  if (count > rule.limit) {
    const retryAfter = (window + 1) * rule.windowSeconds - nowSeconds;
    throw rateLimited('Too many requests. Retry in a moment.', Math.max(1, retryAfter));
  }
}
