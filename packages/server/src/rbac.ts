import { ACTIONS, type ActionName } from '@tollbooth/core';
import type { AuthorizeContext, AuthorizeFn, BillingOwner, TollboothUser } from './types';

type Namespace = ActionName extends `${infer N}.${string}` ? N : never;

/** `'*'`, a namespace wildcard like `'paymentMethods.*'`, or an exact action. */
export type ActionPattern = '*' | `${Namespace}.*` | ActionName;

/** A condition on one action; only a literal `true` (or a promise of it) grants. */
export type RbacCondition<A extends ActionName = ActionName> = (
  context: AuthorizeContext<A> & { user: TollboothUser | null },
) => boolean | Promise<boolean>;

/** Exact actions may carry a typed condition; wildcards take `true` or an untyped condition. */
export type RoleRules = { [A in ActionName]?: true | RbacCondition<A> } & {
  [P in Exclude<ActionPattern, ActionName>]?: true | RbacCondition;
};

/** Per role: a list of patterns, or a map of patterns to `true` or a condition. */
export type RbacPolicy = Record<string, readonly ActionPattern[] | RoleRules>;

export interface RbacOptions {
  /** The roles of a signed-in user. @default (user) => user.roles ?? [] */
  getRoles?: (user: TollboothUser) => readonly string[] | Promise<readonly string[]>;
  /** Whether signed-in users may also do what the `anonymous` role may. @default true */
  inheritAnonymous?: boolean;
  /**
   * Also match the caller's place in the billing owner (`context.owner`): `personal` when the owner is the user
   * themselves, `org:<role>` for their `role` in an organisation (`org:billing_admin`, `org:member`). Prefixed so
   * an organisation's `admin` never gains the rules of the app's global `admin`; roles of that shape from
   * `getRoles` are ignored. @default true
   */
  ownerRoles?: boolean;
}

/** The roles `ownerRoles` adds for a billing owner. */
function ownerRolesOf(owner: BillingOwner | null): string[] {
  if (owner === null) return [];
  if (owner.type === 'user') return ['personal'];
  return owner.role ? [`org:${owner.role}`] : [];
}

const isOwnerRole = (role: string) => role === 'personal' || role.startsWith('org:');

function matches(pattern: string, action: ActionName): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return action.startsWith(pattern.slice(0, -1));
  return pattern === action;
}

const NAMESPACES = new Set(ACTIONS.map((a) => a.slice(0, a.indexOf('.'))));

/** A pattern that can never match (a typo like 'refund.create') is a startup error, not a silent denial. */
function checkPattern(role: string, pattern: string): void {
  const known =
    pattern === '*' ||
    (ACTIONS as readonly string[]).includes(pattern) ||
    (pattern.endsWith('.*') && NAMESPACES.has(pattern.slice(0, -2)));
  if (!known) throw new Error(`Tollbooth: rbac role "${role}" names an unknown action pattern "${pattern}".`);
}

/**
 * Builds an `authorize` function from roles. The role `anonymous` applies when there is no user. A rule grants
 * when its pattern matches and its condition (if any) returns literal `true`; a condition that throws grants
 * nothing for that rule.
 */
export function rbac(policy: RbacPolicy, options: RbacOptions = {}): AuthorizeFn {
  const getRoles = options.getRoles ?? ((user: TollboothUser) => user.roles ?? []);
  const inheritAnonymous = options.inheritAnonymous ?? true;
  const ownerRoles = options.ownerRoles ?? true;
  if (typeof policy !== 'object' || policy === null)
    throw new Error('Tollbooth: rbac needs a policy object.');
  for (const [role, rules] of Object.entries(policy)) {
    const patterns = Array.isArray(rules) ? rules : Object.keys(rules ?? {});
    for (const pattern of patterns) checkPattern(role, String(pattern));
  }

  async function rolesOf(user: TollboothUser | null, owner: BillingOwner | null): Promise<string[]> {
    if (user === null) return ['anonymous'];
    const own = await getRoles(user);
    const named = Array.isArray(own) ? own.filter((r): r is string => typeof r === 'string') : [];
    const roles = ownerRoles ? [...named.filter((r) => !isOwnerRole(r)), ...ownerRolesOf(owner)] : named;
    return inheritAnonymous ? [...roles, 'anonymous'] : roles;
  }

  /** The rules of the caller's roles (and place in the owner) whose pattern matches `action`: `true` or a condition. */
  async function rulesFor(
    user: TollboothUser | null,
    action: ActionName,
    owner: BillingOwner | null,
  ): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const role of await rolesOf(user, owner)) {
      if (!Object.hasOwn(policy, role)) continue;
      const rules = policy[role];
      const entries: Array<[string, unknown]> = Array.isArray(rules)
        ? rules.map((p) => [p, true])
        : Object.entries(rules ?? {});
      for (const [pattern, rule] of entries) {
        if (matches(pattern, action) && (rule === true || typeof rule === 'function')) out.push(rule);
      }
    }
    return out;
  }

  const authorize: AuthorizeFn = async (user, action, context): Promise<boolean> => {
    for (const rule of await rulesFor(user, action, context.owner ?? null)) {
      if (rule === true) return true;
      try {
        if ((await (rule as RbacCondition)({ ...context, user } as never)) === true) return true;
      } catch {
        // A throwing condition is a denial for this rule; another rule may still grant.
      }
    }
    return false;
  };
  // No role of the caller names the action: nothing loaded could change that, so the server refuses first.
  authorize.canGrant = async (user, action, owner) =>
    (await rulesFor(user, action, owner ?? null)).length > 0;
  return authorize;
}
