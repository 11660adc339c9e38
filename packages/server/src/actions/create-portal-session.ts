import type { PortalCreateResponse } from '@tollbooth/core';
import { portalCreateSchema } from '@tollbooth/core/schemas';
import { ensureCustomer } from '../_internal/customers';
import { resolveRedirect } from '../_internal/redirects';
import type { ActionContext } from '../_internal/runtime';
import { parse, requireUser } from '../_internal/validate';

/** `POST /portal`: a Billing Portal session for the caller's own customer. */
export async function createPortalSessionAction(ctx: ActionContext): Promise<PortalCreateResponse> {
  const input = parse(portalCreateSchema, ctx.body);
  const user = requireUser(ctx);
  const origin = ctx.request.headers.get('origin') as string; // checked by the CSRF rule
  const returnUrl = resolveRedirect(input.returnPath, '/', origin, 'returnPath');
  const customer = await ctx.rt.customers.find(user);

  await ctx.authorize(input, { customer }, customer);

  const customerId = customer ?? (await ensureCustomer(ctx.rt, user));
  const session = await ctx.rt.stripe.billingPortal.sessions.create(
    { customer: customerId, return_url: returnUrl },
    { idempotencyKey: await ctx.idempotencyKey('portal') },
  );
  ctx.setResourceId(session.id);
  return { url: session.url };
}
