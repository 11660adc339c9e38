import type { ActionName } from '@tollbooth/core';
import { ensureCustomer } from '../_internal/customers';
import { internalError } from '../_internal/errors';
import type { ActionContext } from '../_internal/runtime';
import { requireUser } from '../_internal/validate';
import type { BillingOwner, CustomerResource, TollboothUser } from '../types';

/** The signed-in caller (401 without one) and the billing owner the server resolved for them. */
export function requireOwner(ctx: ActionContext<ActionName>): { user: TollboothUser; owner: BillingOwner } {
  const user = requireUser(ctx);
  // The pipeline resolves an owner for every signed-in caller; a missing one is a bug, never "the user".
  if (ctx.billingOwner === null) throw internalError();
  return { user, owner: ctx.billingOwner };
}

/** The billing owner's Stripe customer id, or `null` when it has none yet. */
export function findOwnCustomer(ctx: ActionContext<ActionName>): Promise<string | null> {
  return ctx.rt.customers.find(requireOwner(ctx).owner);
}

/** The billing owner's Stripe customer, created on first use. */
export function ensureOwnCustomer(ctx: ActionContext<ActionName>): Promise<string> {
  const { user, owner } = requireOwner(ctx);
  return ensureCustomer(ctx.rt, owner, user);
}

/** The resource of self-service actions that act on no single object: the billing owner's customer. */
export async function loadOwnCustomer(ctx: ActionContext<ActionName>): Promise<CustomerResource> {
  return { customer: await findOwnCustomer(ctx) };
}
