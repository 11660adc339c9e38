import type { Engine } from './engine';
import { invalidRequest, noSuchResource, stateError } from './errors';
import { messagePage, type PageBranding, redirectChallengePage } from './pages';
import { completePaymentAuthentication } from './resources/payment-attempts';
import { CORS_HEADERS } from './router';
import type { SimPaymentIntent } from './types';

// The page behind `next_action.redirect_to_url.url` (a server-side confirm with `return_url`): the customer
// answers the challenge there and is sent back to the return URL with the query Stripe adds
// (`payment_intent`, `payment_intent_client_secret`, `redirect_status`). The URL carries the client secret,
// as Stripe's does; the return URL is the one the confirm gave, never one the form sends.

const html = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...CORS_HEADERS } });

function intentFor(engine: Engine, id: string, secret: string | null): SimPaymentIntent {
  const pi = engine.get('payment_intent', id, 'intent');
  if (secret !== pi.client_secret) throw noSuchResource('payment_intent', id, 'client_secret', 404);
  return pi;
}

/** `GET /_simulator/3ds/:id?client_secret=…`: the challenge page, or a note that none is pending. */
export function redirectChallenge(engine: Engine, id: string, url: URL, branding: PageBranding): Response {
  const pi = intentFor(engine, id, url.searchParams.get('client_secret'));
  if (pi.status !== 'requires_action' || pi.next_action?.type !== 'redirect_to_url') {
    return html(200, messagePage('3-D Secure', 'No authentication is pending for this payment.', branding));
  }
  return html(200, redirectChallengePage(pi, branding));
}

/** The page's form post: answers the challenge, then 303 to the return URL with the outcome. */
export function answerRedirectChallenge(engine: Engine, id: string, form: URLSearchParams): Response {
  const pi = intentFor(engine, id, form.get('client_secret'));
  const outcome = form.get('outcome');
  if (outcome !== 'succeed' && outcome !== 'fail') {
    throw invalidRequest('outcome must be "succeed" or "fail"', 'outcome');
  }
  const returnUrl = pi.next_action?.redirect_to_url?.return_url;
  if (!returnUrl) throw stateError('This PaymentIntent has no redirect challenge pending.');
  completePaymentAuthentication(engine, pi, outcome === 'succeed');
  const target = new URL(returnUrl);
  target.searchParams.set('payment_intent', pi.id);
  target.searchParams.set('payment_intent_client_secret', pi.client_secret!);
  target.searchParams.set('redirect_status', pi.status === 'succeeded' ? 'succeeded' : 'failed');
  return new Response(null, { status: 303, headers: { location: target.toString(), ...CORS_HEADERS } });
}
