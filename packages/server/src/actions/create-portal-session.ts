import { defineAction } from '../_internal/action';
import { resolveRedirect } from '../_internal/redirects';
import { schemas } from '../_internal/schemas';
import { ensureOwnCustomer, loadOwnCustomer } from './own-customer';

const returnUrlOf = (returnPath: string | undefined, origin: string) =>
  resolveRedirect(returnPath, '/', origin, 'returnPath');

/** `POST /portal`: a Billing Portal session for the caller's own customer. */
export const createPortalSession = defineAction('portal.create', {
  input: () => schemas().portalCreateSchema,
  async load(ctx, input) {
    const resource = await loadOwnCustomer(ctx);
    // Refused before `authorize` is asked: a bad redirect is the caller's mistake, whoever the caller is.
    returnUrlOf(input.returnPath, ctx.origin);
    return resource;
  },
  auditId: ({ customer }) => customer,
  async run(ctx, input, { customer }) {
    const customerId = customer ?? (await ensureOwnCustomer(ctx));
    const session = await ctx.rt.stripe.billingPortal.sessions.create(
      { customer: customerId, return_url: returnUrlOf(input.returnPath, ctx.origin) },
      { idempotencyKey: await ctx.idempotencyKey('portal') },
    );
    ctx.setResourceId(session.id);
    return { url: session.url };
  },
});
