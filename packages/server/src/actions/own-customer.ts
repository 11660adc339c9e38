import type { ActionName } from '@tollbooth/core';
import type { ActionContext } from '../_internal/runtime';
import { requireUser } from '../_internal/validate';
import type { CustomerResource } from '../types';

/** The resource of self-service actions that act on no single object: the signed-in caller's own customer. */
export async function loadOwnCustomer(ctx: ActionContext<ActionName>): Promise<CustomerResource> {
  return { customer: await ctx.rt.customers.find(requireUser(ctx)) };
}
