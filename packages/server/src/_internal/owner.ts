import type { BillingOwner, TollboothUser } from '../types';
import type { Runtime } from './runtime';

/** An owner id: what fits Stripe metadata with room for the type, without control characters. */
const OWNER_ID = /^[^\p{Cc}]{1,200}$/u;
/** A role name as `rbac` matches it after `org:`. */
const ROLE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The user as the owner of their own billing: the default `billingOwner`. */
export function userOwner(user: TollboothUser): BillingOwner {
  return { type: 'user', id: user.id };
}

/** `user:<id>` or `organization:<id>`: the owner as customer metadata (`tollbooth_owner`) and keys name it. */
export function ownerKey(owner: BillingOwner): string {
  return `${owner.type}:${owner.id}`;
}

/** Whether `value` has an owner's shape (used to tell `billing(owner)` from `billing(user)`). */
export function isBillingOwner(value: unknown): value is BillingOwner {
  if (typeof value !== 'object' || value === null) return false;
  const { type, id } = value as { type?: unknown; id?: unknown };
  return (type === 'user' || type === 'organization') && typeof id === 'string';
}

/** Checks an owner from the app's code; a malformed one is the app's bug, never a guess. */
export function checkOwner(value: unknown, where: string): BillingOwner {
  if (!isBillingOwner(value) || !OWNER_ID.test(value.id)) {
    throw new TypeError(
      `${where} must be { type: 'user' | 'organization', id } with an id of 1–200 characters.`,
    );
  }
  const role = (value as { role?: unknown }).role;
  if (role !== undefined && (typeof role !== 'string' || !ROLE.test(role))) {
    throw new TypeError(`${where}: role must match [A-Za-z0-9_.:-]{1,64}.`);
  }
  // A copy, so nothing the app mutates later changes whose billing this request acts on.
  return role === undefined ? { type: value.type, id: value.id } : { type: value.type, id: value.id, role };
}

/**
 * The owner a signed-in user acts for: `billingOwner(user, request)`, or the user. Resolved from the app's
 * session only; nothing in the request's body, query or headers is read here.
 */
export async function resolveOwner(
  rt: Runtime,
  user: TollboothUser,
  request: Request,
): Promise<BillingOwner> {
  if (!rt.billingOwner) return userOwner(user);
  const owner = await rt.billingOwner(user, request);
  if (owner === null || owner === undefined) return userOwner(user);
  const checked = checkOwner(owner, 'billingOwner');
  // A user owner is the caller only: another user's billing is never a personal owner of this one.
  if (checked.type === 'user' && checked.id !== user.id) {
    throw new TypeError('billingOwner returned another user; return an organization or null.');
  }
  return checked;
}
