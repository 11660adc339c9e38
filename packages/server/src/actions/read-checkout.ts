import type { CheckoutSessionSummary } from '@tollbooth/core';
import { TollboothError } from '@tollbooth/core';
import type Stripe from 'stripe';
import { customerIdOf } from '../_internal/customers';
import type { ActionContext } from '../_internal/runtime';
import { sessionTag } from '../_internal/session';
import { isMissing } from '../_internal/stripe-errors';
import { pathId } from '../_internal/validate';

/** `GET /checkout/:id`: the status of the caller's own Checkout Session. */
export async function readCheckoutAction(ctx: ActionContext): Promise<CheckoutSessionSummary> {
  // An anonymous caller can own sessions only through the anonymous session cookie.
  if (ctx.user === null && ctx.owner === 'anon:') {
    throw new TollboothError('unauthenticated', 'Sign in to continue.');
  }
  const id = pathId(ctx, 'checkout.read');
  const session = await ctx.rt.stripe.checkout.sessions.retrieve(id).catch((error: unknown) => {
    if (isMissing(error)) throw new TollboothError('not_found', 'Not found.');
    throw error;
  });
  if (!(await ownsSession(ctx, session))) throw new TollboothError('not_found', 'Not found.');

  await ctx.authorize(undefined, session, session.id);

  return {
    id: session.id,
    status: session.status as CheckoutSessionSummary['status'],
    paymentStatus: session.payment_status as CheckoutSessionSummary['paymentStatus'],
    amountTotal: session.amount_total,
    currency: session.currency,
  };
}

/** A signed-in user owns sessions made for them or their customer; a guest owns those tagged with their session. */
async function ownsSession(ctx: ActionContext, session: Stripe.Checkout.Session): Promise<boolean> {
  if (ctx.user === null) {
    const tag = session.metadata?.tollbooth_session;
    return (
      typeof tag === 'string' && !session.metadata?.tollbooth_user_id && tag === (await sessionTag(ctx.owner))
    );
  }
  if (session.metadata?.tollbooth_user_id === ctx.user.id) return true;
  const customer = await ctx.rt.customers.find(ctx.user);
  return customer !== null && customerIdOf(session.customer) === customer;
}
