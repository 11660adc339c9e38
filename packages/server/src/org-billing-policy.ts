import { ACTIONS, type ActionName } from '@tollbooth/core';
import type { RbacPolicy } from './rbac';

/** What only staff do: a refund acts on any customer's payment, so no owner role grants it. */
const STAFF_ONLY = new Set<string>(['refunds.create']);
/** What a read-only member may do: see the catalog, the plan and the billing state, nothing else. */
const READ_ONLY = new Set<string>(['catalog.read', 'subscriptions.list', 'billing.read']);

export interface OrgBillingPolicyOptions {
  /** Organisation roles that manage billing: plans, cards, invoices, portal, checkout. @default ['billing_admin'] */
  managers?: readonly string[];
  /** Organisation roles that may only read the catalog, the plan and the billing state. @default ['member'] */
  readers?: readonly string[];
}

/**
 * The common case of team billing, as an `rbac` policy: a user billing for themselves (`personal`) and an
 * organisation's managers may do every self-service action; its readers may only read the plan; anyone may
 * read the catalog. Refunds are left to staff roles you add: `rbac({ ...orgBillingPolicy(), support: […] })`.
 * Give self-service only through these owner roles, not global roles, or a member's global role would grant
 * it on the organisation too.
 */
export function orgBillingPolicy(options: OrgBillingPolicyOptions = {}): RbacPolicy {
  const selfService: ActionName[] = ACTIONS.filter((a) => !STAFF_ONLY.has(a));
  const readOnly: ActionName[] = ACTIONS.filter((a) => READ_ONLY.has(a));
  const policy: Record<string, ActionName[]> = { anonymous: ['catalog.read'], personal: selfService };
  for (const role of options.readers ?? ['member']) policy[`org:${role}`] = readOnly;
  // Managers last: a role listed in both lists manages.
  for (const role of options.managers ?? ['billing_admin']) policy[`org:${role}`] = selfService;
  return policy;
}
