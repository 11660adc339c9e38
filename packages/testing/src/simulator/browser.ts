import { behaviourOf } from './cards';
import type { Engine } from './engine';
import { errorResponseBody, invalidRequest, noSuchResource, SimulatorError } from './errors';
import { addressFromForm } from './page-fields';
import {
  challengePage,
  checkoutPage,
  invoicePage,
  messagePage,
  type PageBranding,
  portalPage,
} from './pages';
import { savedCardsFor } from './resources/checkout-collection';
import {
  type CompleteCheckoutOptions,
  completeCheckoutSession,
  redirectUrlFor,
} from './resources/checkout-complete';
import { lineItemList, sessionSecrets } from './resources/checkout-sessions';
import { completePaymentAuthentication } from './resources/payment-attempts';
import { cardSecrets } from './resources/payment-methods';
import { completeSetupAuthentication } from './resources/setup-intents';
import { CORS_HEADERS, json } from './router';
import type { SimCheckoutSession } from './types';

const html = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...CORS_HEADERS } });

async function readJson(request: Request): Promise<Record<string, unknown>> {
  try {
    const value = await request.json();
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    throw invalidRequest('The request body must be JSON.');
  }
}

function session(engine: Engine, id: string | undefined, clientSecret?: unknown): SimCheckoutSession {
  const found = engine.get('checkout.session', id, 'session');
  // Embedded sessions are addressed with their client secret; hosted ones by their unguessable id (the URL).
  if (found.ui_mode === 'embedded_page' && clientSecret !== found.client_secret) {
    throw noSuchResource('checkout.session', found.id, 'client_secret', 404);
  }
  return found;
}

/** The hosted page serves hosted sessions only: an embedded one is paid through its client secret. */
function hostedSession(engine: Engine, id: string): SimCheckoutSession {
  const found = engine.get('checkout.session', id, 'session');
  if (found.ui_mode !== 'hosted_page') throw noSuchResource('checkout.session', id, 'session');
  return found;
}

function sessionSummary(engine: Engine, s: SimCheckoutSession) {
  return {
    id: s.id,
    object: 'checkout.session',
    mode: s.mode,
    ui_mode: s.ui_mode,
    status: s.status,
    payment_status: s.payment_status,
    amount_total: s.amount_total,
    currency: s.currency,
    customer_email: s.customer_email,
    line_items: lineItemList(engine, s),
    return_url: s.return_url ?? null,
    success_url: s.success_url,
  };
}

function cardFromJson(body: Record<string, unknown>): CompleteCheckoutOptions {
  const card = (body.card ?? {}) as Record<string, unknown>;
  const num = (value: unknown) => (value === undefined || value === '' ? undefined : Number(value));
  return {
    card: String(card.number ?? ''),
    exp_month: num(card.exp_month),
    exp_year: num(card.exp_year),
    cvc: card.cvc === undefined ? undefined : String(card.cvc),
    postal_code: card.postal_code === undefined ? undefined : String(card.postal_code),
    email: typeof body.email === 'string' ? body.email : undefined,
    threeDSecure: body.three_d_secure === 'fail' ? 'fail' : 'succeed',
  };
}

function cardFromForm(engine: Engine, form: URLSearchParams): CompleteCheckoutOptions {
  const shipping = addressFromForm(form, 'shipping');
  const details = {
    ...(shipping ? { shipping: { name: (form.get('shipping_name') ?? '').trim(), address: shipping } } : {}),
    ...(addressFromForm(form, 'billing') ? { billingAddress: addressFromForm(form, 'billing') } : {}),
    email: form.get('email') || undefined,
  };
  const saved = form.get('payment_method');
  if (saved && saved !== 'new') {
    // The saved card's own number decides whether its bank asks for 3-D Secure.
    const pm = engine.find('payment_method', saved);
    return { ...details, paymentMethod: saved, card: pm ? cardSecrets(engine, pm).number : undefined };
  }
  const [month, year] = (form.get('exp') ?? '').split('/').map((part) => part.trim());
  return {
    ...details,
    card: (form.get('number') ?? '').replace(/\s+/g, ''),
    exp_month: month ? Number(month) : undefined,
    exp_year: year ? Number(year) : undefined,
    cvc: form.get('cvc') ?? undefined,
    postal_code: form.get('postal_code') || undefined,
  };
}

/** Serves `/_simulator/*`: hosted pages and the JSON endpoints the Stripe.js stand-in calls. */
export async function handleBrowser(
  engine: Engine,
  request: Request,
  url: URL,
  branding: PageBranding = {},
): Promise<Response> {
  const method = request.method.toUpperCase();
  const parts = url.pathname.split('/').filter(Boolean).slice(1);
  const [area, id, action] = parts;
  try {
    if (area === '3ds' && id && method === 'POST') {
      const body = await readJson(request);
      const outcome = body.outcome === 'fail' ? false : body.outcome === 'succeed' ? true : undefined;
      if (outcome === undefined) throw invalidRequest('outcome must be "succeed" or "fail"', 'outcome');
      if (id.startsWith('seti_')) {
        const si = engine.get('setup_intent', id, 'intent');
        if (body.client_secret !== si.client_secret)
          throw noSuchResource('setup_intent', id, 'client_secret', 404);
        return json(200, completeSetupAuthentication(engine, si, outcome));
      }
      const pi = engine.get('payment_intent', id, 'intent');
      if (body.client_secret !== pi.client_secret)
        throw noSuchResource('payment_intent', id, 'client_secret', 404);
      return json(200, completePaymentAuthentication(engine, pi, outcome));
    }
    if (area === 'checkout' && id) {
      if (action === 'session' && method === 'GET') {
        return json(200, sessionSummary(engine, session(engine, id, url.searchParams.get('client_secret'))));
      }
      if (action === 'pay' && method === 'POST') {
        const isForm = (request.headers.get('content-type') ?? '').includes(
          'application/x-www-form-urlencoded',
        );
        if (isForm) return payFromPage(engine, id, new URLSearchParams(await request.text()), branding);
        const body = await readJson(request);
        const s = session(engine, id, body.client_secret);
        // As on the hosted page: a 3-D Secure card is not charged until the challenge is answered.
        if (s.status === 'open' && body.three_d_secure === undefined && needsChallenge(cardFromJson(body))) {
          return json(200, { id: s.id, status: s.status, next_action: 'three_d_secure' });
        }
        completeCheckoutSession(engine, s.id, cardFromJson(body));
        return json(200, {
          id: s.id,
          status: s.status,
          payment_status: s.payment_status,
          redirect_url: redirectUrlFor(s),
        });
      }
      if (!action && method === 'GET') {
        const s = hostedSession(engine, id);
        const items = sessionSecrets(engine, s.id).lineItems;
        return html(200, checkoutPage(s, items, branding, undefined, undefined, savedCardsFor(engine, s)));
      }
    }
    if (area === 'portal' && id && method === 'GET') {
      const portal = engine.get('billing_portal.session', id);
      const subs = engine.all('subscription', (sub) => sub.customer === portal.customer);
      const invoices = engine.all('invoice', (inv) => inv.customer === portal.customer);
      const productName = (id: string) => engine.find('product', id)?.name;
      return html(200, portalPage(portal, subs, invoices, branding, productName));
    }
    if (area === 'invoices' && id && method === 'GET') {
      return html(200, invoicePage(engine.get('invoice', id), branding));
    }
    if (area === 'receipts' && id && method === 'GET') {
      return html(200, messagePage('Receipt', `Receipt for ${id}`, branding));
    }
    return json(404, {
      error: { type: 'invalid_request_error', message: `Unknown simulator path ${url.pathname}` },
    });
  } catch (error) {
    if (error instanceof SimulatorError) return json(error.status, errorResponseBody(error));
    throw error;
  }
}

/** Stripe's 3-D Secure test cards (…3184 always, …3155 unless set up before) challenge a Checkout payment. */
function needsChallenge(options: CompleteCheckoutOptions): boolean {
  const kind = behaviourOf(options.card ?? '').kind;
  return kind === 'authenticate_always' || kind === 'authenticate_unless_setup';
}

/** The hosted page's form post: redirect (303) on success, the page again with the error on a decline. */
function payFromPage(engine: Engine, id: string, form: URLSearchParams, branding: PageBranding): Response {
  const s = hostedSession(engine, id);
  const options = cardFromForm(engine, form);
  const outcome = form.get('three_d_secure');
  if (s.status === 'open' && !outcome && needsChallenge(options))
    return html(200, challengePage(s, form, branding));
  options.threeDSecure = outcome === 'fail' ? 'fail' : 'succeed';
  try {
    // The receipt needs somewhere to go: a buyer the session does not know must give an email.
    if (s.status === 'open' && !s.customer && !s.customer_email && !options.email?.includes('@')) {
      throw new SimulatorError(400, {
        type: 'invalid_request_error',
        message: 'Enter your email.',
        param: 'email',
      });
    }
    completeCheckoutSession(engine, s.id, options);
  } catch (error) {
    if (!(error instanceof SimulatorError)) throw error;
    const items = sessionSecrets(engine, s.id).lineItems;
    return html(
      error.status,
      checkoutPage(s, items, branding, error.body.message, form, savedCardsFor(engine, s)),
    );
  }
  const target = redirectUrlFor(s);
  if (!target) return html(200, messagePage('Thank you', 'Your payment is complete.', branding));
  return new Response(null, { status: 303, headers: { location: target, ...CORS_HEADERS } });
}
