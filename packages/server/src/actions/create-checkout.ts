import { type CheckoutCreateResponse, TollboothError } from '@tollbooth/core';
import type Stripe from 'stripe';
import { priceOrder } from '../_internal/catalog';
import { ensureCustomer } from '../_internal/customers';
import { resolveRedirect } from '../_internal/redirects';
import type { ActionContext } from '../_internal/runtime';
import { sessionTag } from '../_internal/session';
import { checkoutSchema, parse } from '../_internal/validate';

/** Where Stripe sends the buyer when no path is given; `{CHECKOUT_SESSION_ID}` is filled in by Stripe. */
export const DEFAULT_SUCCESS_PATH = '/?session_id={CHECKOUT_SESSION_ID}';
export const DEFAULT_CANCEL_PATH = '/';

/** `POST /checkout`: a Checkout Session for catalog items, priced by Stripe's price objects. */
export async function createCheckoutAction(ctx: ActionContext): Promise<CheckoutCreateResponse> {
  const input = parse(checkoutSchema(ctx.rt.maxQuantity), ctx.body);
  const order = await priceOrder(ctx.rt, input.items);
  const anyRecurring = order.items.some((i) => i.recurring);
  const mode = input.mode ?? (anyRecurring ? 'subscription' : 'payment');
  if (mode === 'payment' && anyRecurring) {
    throw new TollboothError('invalid_request', 'Recurring prices need mode "subscription".');
  }
  if (mode === 'subscription' && !anyRecurring) {
    throw new TollboothError('invalid_request', 'A subscription needs at least one recurring price.');
  }
  if (mode === 'setup' && ctx.user === null)
    throw new TollboothError('unauthenticated', 'Sign in to continue.');
  const uiMode = input.uiMode ?? 'hosted';
  const origin = ctx.request.headers.get('origin') as string; // checked by the CSRF rule before any action runs
  const success = resolveRedirect(input.successPath, DEFAULT_SUCCESS_PATH, origin, 'successPath');
  const cancel = resolveRedirect(input.cancelPath, DEFAULT_CANCEL_PATH, origin, 'cancelPath');

  await ctx.authorize(input, order);

  const params: Stripe.Checkout.SessionCreateParams = { mode, metadata: {} };
  if (mode === 'setup') params.currency = order.currency;
  else params.line_items = order.items.map((i) => ({ price: i.price, quantity: i.quantity }));
  if (ctx.user) {
    params.customer = await ensureCustomer(ctx.rt, ctx.user);
    params.client_reference_id = ctx.user.id.slice(0, 200);
    params.metadata = { tollbooth_user_id: ctx.user.id };
    // The object Checkout creates carries the user too, so `payment_intent.*`, `customer.subscription.*` and
    // `setup_intent.*` webhook handlers can tell whose it is without reading the session.
    const carried = { metadata: { tollbooth_user_id: ctx.user.id } };
    if (mode === 'payment') params.payment_intent_data = carried;
    else if (mode === 'subscription') params.subscription_data = carried;
    else params.setup_intent_data = carried;
  } else {
    // A hash of the anonymous session, so the guest can read this session's status (and nobody else can).
    params.metadata = { tollbooth_session: await sessionTag(ctx.owner) };
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
  const session = await ctx.rt.stripe.checkout.sessions.create(params, {
    idempotencyKey: await ctx.idempotencyKey('checkout'),
  });
  ctx.setResourceId(session.id);
  if (uiMode === 'hosted') {
    if (!session.url) throw new TollboothError('upstream_error', 'Checkout did not return a URL.');
    return { id: session.id, url: session.url };
  }
  if (!session.client_secret)
    throw new TollboothError('upstream_error', 'Checkout did not return a client secret.');
  return { id: session.id, clientSecret: session.client_secret };
}
