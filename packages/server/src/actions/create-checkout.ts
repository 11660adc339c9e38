import { type CheckoutCreateRequest, type CheckoutMode, METADATA_KEYS } from '@tollbooth/core';
import type Stripe from 'stripe';
import { defineAction } from '../_internal/action';
import { priceOrder } from '../_internal/catalog';
import { invalidRequest, unauthenticated, upstreamError } from '../_internal/errors';
import { resolveRedirect } from '../_internal/redirects';
import type { ActionContext } from '../_internal/runtime';
import { sessionTag } from '../_internal/session';
import { checkoutSchema } from '../_internal/validate';
import { applyCheckoutOptions, planCheckout } from '../plan-changes/checkout';
import type { PricedOrder } from '../types';
import { ensureOwnCustomer } from './own-customer';

/** Where Stripe sends the buyer when no path is given; `{CHECKOUT_SESSION_ID}` is filled in by Stripe. */
export const DEFAULT_SUCCESS_PATH = '/?session_id={CHECKOUT_SESSION_ID}';
export const DEFAULT_CANCEL_PATH = '/';

/**
 * What the session will be, from the body and the priced order. Pure, so `load` runs it to refuse a bad
 * request before `authorize` is asked, and `run` runs it again to build the session.
 */
function plan(ctx: ActionContext<'checkout.create'>, input: CheckoutCreateRequest, order: PricedOrder) {
  const anyRecurring = order.items.some((i) => i.recurring);
  const mode: CheckoutMode = input.mode ?? (anyRecurring ? 'subscription' : 'payment');
  if (mode === 'payment' && anyRecurring) throw invalidRequest('Recurring prices need mode "subscription".');
  if (mode === 'subscription' && !anyRecurring) {
    throw invalidRequest('A subscription needs at least one recurring price.');
  }
  if (mode === 'setup' && ctx.user === null) throw unauthenticated();
  return {
    mode,
    uiMode: input.uiMode ?? 'hosted',
    success: resolveRedirect(input.successPath, DEFAULT_SUCCESS_PATH, ctx.origin, 'successPath'),
    cancel: resolveRedirect(input.cancelPath, DEFAULT_CANCEL_PATH, ctx.origin, 'cancelPath'),
  };
}

/** `POST /checkout`: a Checkout Session for catalog items, priced by Stripe's price objects. */
export const createCheckout = defineAction('checkout.create', {
  input: (rt) => checkoutSchema(rt.maxQuantity),
  async load(ctx, input) {
    const order = await priceOrder(ctx.rt, input.items);
    plan(ctx, input, order);
    return order;
  },
  async run(ctx, input, order) {
    const { mode, uiMode, success, cancel } = plan(ctx, input, order);
    const params: Stripe.Checkout.SessionCreateParams = { mode, metadata: {} };
    if (mode === 'setup') params.currency = order.currency;
    else params.line_items = order.items.map((i) => ({ price: i.price, quantity: i.quantity }));
    if (ctx.user) {
      params.customer = await ensureOwnCustomer(ctx);
      params.client_reference_id = ctx.user.id.slice(0, 200);
      const tags = { [METADATA_KEYS.userId]: ctx.user.id, [METADATA_KEYS.owner]: ctx.owner };
      params.metadata = tags;
      // The object Checkout creates carries the user and owner too, so `payment_intent.*`, `customer.subscription.*`
      // and `setup_intent.*` webhook handlers can tell whose it is without reading the session.
      const carried = { metadata: tags };
      if (mode === 'payment') params.payment_intent_data = carried;
      else if (mode === 'subscription') params.subscription_data = carried;
      else params.setup_intent_data = carried;
    } else {
      // A hash of the anonymous session, so the guest can read this session's status (and nobody else can).
      params.metadata = { [METADATA_KEYS.session]: await sessionTag(ctx.owner) };
      if (mode === 'payment') params.customer_creation = 'if_required';
    }
    if (uiMode === 'hosted') {
      params.ui_mode = 'hosted_page';
      params.success_url = success;
      params.cancel_url = cancel;
    } else {
      params.ui_mode = 'embedded_page';
      params.return_url = success;
    }
    applyCheckoutOptions(ctx.rt, params);
    const idempotencyKey = await ctx.idempotencyKey('checkout');
    const create = () => ctx.rt.stripe.checkout.sessions.create(params, { idempotencyKey });
    const session =
      mode === 'subscription' && typeof params.customer === 'string'
        ? await planCheckout(ctx, order, params, params.customer, create)
        : await create();
    ctx.setResourceId(session.id);
    if (uiMode === 'hosted') {
      if (!session.url) throw upstreamError('Checkout did not return a URL.');
      return { id: session.id, url: session.url };
    }
    if (!session.client_secret) throw upstreamError('Checkout did not return a client secret.');
    return { id: session.id, clientSecret: session.client_secret };
  },
});
