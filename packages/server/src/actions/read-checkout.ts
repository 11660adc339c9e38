import { type CheckoutSessionSummary, METADATA_KEYS } from '@tollbooth/core';
import type Stripe from 'stripe';
import { defineAction } from '../_internal/action';
import { customerIdOf } from '../_internal/customers';
import { notFound, unauthenticated } from '../_internal/errors';
import type { ActionContext } from '../_internal/runtime';
import { sessionTag } from '../_internal/session';
import { missingAsNotFound } from '../_internal/stripe-errors';
import { pathId } from '../_internal/validate';
import { syncBilling } from '../billing/sync';
import { findOwnCustomer } from './own-customer';

/** `GET /checkout/:id`: the status of the caller's own Checkout Session. */
export const readCheckout = defineAction('checkout.read', {
  async load(ctx) {
    // An anonymous caller can own sessions only through the anonymous session cookie.
    if (ctx.user === null && ctx.owner === 'anon:') throw unauthenticated();
    const session = await ctx.rt.stripe.checkout.sessions.retrieve(pathId(ctx)).catch(missingAsNotFound);
    if (!(await ownsSession(ctx, session))) throw notFound();
    return session;
  },
  auditId: (session) => session.id,
  async run(ctx, _input, session) {
    await syncOnReturn(ctx, session);
    return summarise(session);
  },
});

const summarise = (session: Stripe.Checkout.Session): CheckoutSessionSummary => ({
  id: session.id,
  status: session.status as CheckoutSessionSummary['status'],
  paymentStatus: session.payment_status as CheckoutSessionSummary['paymentStatus'],
  amountTotal: session.amount_total,
  currency: session.currency,
});

/**
 * The buyer's return from Checkout often lands before the webhooks: syncing here means the page they land on
 * already shows the plan. A failed sync is only logged; the events sync again when they arrive.
 */
async function syncOnReturn(ctx: ActionContext, session: Stripe.Checkout.Session): Promise<void> {
  const customer = customerIdOf(session.customer);
  if (session.status !== 'complete' || customer === null) return;
  try {
    await syncBilling(ctx.rt, customer);
  } catch (error) {
    ctx.rt.logger.warn('tollbooth: billing sync on the return from Checkout failed', {
      requestId: ctx.requestId,
      name: error instanceof Error ? error.name : typeof error,
    });
  }
}

/**
 * A signed-in caller owns the sessions of their billing owner's customer, and those they made while acting for
 * that owner; a guest owns those tagged with their session. A session made for another organisation is not
 * theirs, even if they made it.
 */
async function ownsSession(ctx: ActionContext, session: Stripe.Checkout.Session): Promise<boolean> {
  const userTag = session.metadata?.[METADATA_KEYS.userId];
  if (ctx.user === null) {
    const tag = session.metadata?.[METADATA_KEYS.session];
    return typeof tag === 'string' && !userTag && tag === (await sessionTag(ctx.owner));
  }
  // Sessions from before owners carry no owner tag: they were made for the user's own billing.
  const ownerTag = session.metadata?.[METADATA_KEYS.owner] ?? `user:${userTag}`;
  if (userTag === ctx.user.id && ownerTag === ctx.owner) return true;
  const customer = await findOwnCustomer(ctx);
  return customer !== null && customerIdOf(session.customer) === customer;
}
