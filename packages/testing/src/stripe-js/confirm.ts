import type { StripeError } from '@stripe/stripe-js';
import { toCardData } from './card';
import type { StandInElement } from './element';
import { type StandInElements, validationError } from './elements';
import { type HttpResult, intentIdFromSecret, type SimulatorHttp } from './http';
import { showChallenge } from './three-d-secure';

export type IntentKind = 'payment' | 'setup';
type Intent = Record<string, unknown>;
export type IntentResult =
  | { paymentIntent: Intent; error?: undefined }
  | { setupIntent: Intent; error?: undefined }
  | { error: StripeError };

/** A mistake in how Stripe.js is called, thrown (rejected) like Stripe.js's own IntegrationError. */
export class IntegrationError extends Error {
  override name = 'IntegrationError';
}

export interface ConfirmContext {
  http: SimulatorHttp;
  navigate(url: string): void;
}

export interface ConfirmRequest {
  /** The method name, for error messages: `confirmPayment`, `confirmCardSetup` … */
  method: string;
  elements?: StandInElements;
  clientSecret?: string;
  /** A card Element passed directly (`confirmCardPayment(secret, { payment_method: { card } })`). */
  cardElement?: StandInElement;
  paymentMethod?: string;
  billingDetails?: Record<string, unknown>;
  returnUrl?: string;
  /** `'always'` redirects to `returnUrl` after success; `'if_required'` resolves with the intent. */
  redirect: 'always' | 'if_required';
  /** `false` leaves a `requires_action` intent for the caller (confirmCardPayment's `handleActions`). */
  handleActions?: boolean;
}

const keys = (kind: IntentKind) =>
  kind === 'payment'
    ? {
        path: 'payment_intents',
        result: 'paymentIntent',
        error: 'payment_intent',
        last: 'last_payment_error',
      }
    : { path: 'setup_intents', result: 'setupIntent', error: 'setup_intent', last: 'last_setup_error' };

/** 3-D Secure failure as Stripe.js reports it when the intent carries no last error. */
const authenticationFailed = (kind: IntentKind): StripeError => ({
  type: 'invalid_request_error',
  code: `${kind === 'payment' ? 'payment' : 'setup'}_intent_authentication_failure`,
  message:
    'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
});

const never = () => new Promise<never>(() => {});

export function secretToId(method: string, clientSecret: string | undefined): string {
  const id = clientSecret ? intentIdFromSecret(clientSecret) : null;
  if (!id) throw new IntegrationError(`Invalid value for ${method}: clientSecret should be a client secret.`);
  return id;
}

function toResult(kind: IntentKind, result: HttpResult): IntentResult {
  if (!result.ok) return { error: result.error };
  return (kind === 'payment' ? { paymentIntent: result.body } : { setupIntent: result.body }) as IntentResult;
}

export async function retrieveIntent(ctx: ConfirmContext, kind: IntentKind, clientSecret: string) {
  const id = secretToId(kind === 'payment' ? 'retrievePaymentIntent' : 'retrieveSetupIntent', clientSecret);
  return toResult(
    kind,
    await ctx.http.api('GET', `/v1/${keys(kind).path}/${id}`, { client_secret: clientSecret }),
  );
}

/** Collects the payment method params from the element, or reports a validation error like Stripe.js. */
function paymentMethodParams(
  req: ConfirmRequest,
): { params: Record<string, unknown> } | { error: StripeError } {
  if (req.paymentMethod) return { params: { payment_method: req.paymentMethod } };
  const element = req.cardElement ?? req.elements?._cardElement() ?? null;
  if (!element) {
    if (req.elements) throw new IntegrationError(`${req.method}: the Payment Element is not mounted.`);
    return { params: {} };
  }
  const errors = element._validate();
  const state = element._read();
  if (!errors || !state) throw new IntegrationError(`${req.method}: the Element is not mounted.`);
  const first = errors[0];
  if (first) return { error: validationError(first) };
  const billing = (req.billingDetails ?? {}) as { address?: Record<string, unknown> };
  const postalCode = state.input.postalCode.trim();
  const billingDetails = postalCode
    ? { ...billing, address: { ...billing.address, postal_code: postalCode } }
    : billing;
  return {
    params: {
      payment_method_data: {
        type: 'card',
        card: toCardData(state.input),
        ...(Object.keys(billingDetails).length > 0 ? { billing_details: billingDetails } : {}),
      },
    },
  };
}

export async function confirmIntent(
  ctx: ConfirmContext,
  kind: IntentKind,
  req: ConfirmRequest,
): Promise<IntentResult> {
  const k = keys(kind);
  const options = req.elements?._options();
  const clientSecret = req.clientSecret ?? options?.clientSecret;
  const id = secretToId(req.method, clientSecret);
  if (req.elements && !options?.clientSecret && !req.elements._submitted) {
    // Deferred intents (`elements({ mode })`): Stripe.js insists on submit() first.
    throw new IntegrationError(`elements.submit() must be called before stripe.${req.method}().`);
  }
  if (req.redirect === 'always' && !req.returnUrl) {
    throw new IntegrationError(
      `stripe.${req.method}(): the \`confirmParams.return_url\` argument is required unless passing \`redirect: 'if_required'\`.`,
    );
  }
  const method = paymentMethodParams(req);
  if ('error' in method) return { error: method.error };
  const params = { client_secret: clientSecret, ...method.params, return_url: req.returnUrl };
  const confirmed = await ctx.http.api('POST', `/v1/${k.path}/${id}/confirm`, params);
  if (!confirmed.ok) return { error: confirmed.error };
  let intent = confirmed.body;

  const next = intent.next_action as { type?: string; redirect_to_url?: { url?: string } } | null | undefined;
  if (intent.status === 'requires_action' && req.handleActions !== false) {
    if (next?.type === 'redirect_to_url' && next.redirect_to_url?.url) {
      ctx.navigate(next.redirect_to_url.url);
      return never();
    }
    const handled = await handleChallenge(ctx, kind, intent, clientSecret as string);
    if ('error' in handled) return handled;
    intent = handled.intent;
  }
  if (req.redirect === 'always' && req.returnUrl) {
    const url = new URL(req.returnUrl, globalThis.location?.href);
    url.searchParams.set(k.error, id);
    url.searchParams.set(`${k.error}_client_secret`, clientSecret as string);
    url.searchParams.set(
      'redirect_status',
      intent.status === 'succeeded' ? 'succeeded' : String(intent.status),
    );
    ctx.navigate(url.toString());
    return never();
  }
  return toResult(kind, { ok: true, body: intent });
}

/** Shows the challenge, posts its outcome to the simulator, and maps a failure to Stripe.js's error. */
export async function handleChallenge(
  ctx: ConfirmContext,
  kind: IntentKind,
  intent: Intent,
  clientSecret: string,
): Promise<{ intent: Intent } | { error: StripeError }> {
  const k = keys(kind);
  if (typeof document === 'undefined') throw new IntegrationError('3-D Secure needs a browser document.');
  const outcome = await showChallenge(document, {
    amount: typeof intent.amount === 'number' ? intent.amount : undefined,
    currency: typeof intent.currency === 'string' ? intent.currency : undefined,
  });
  const answered = await ctx.http.json('POST', `/_simulator/3ds/${String(intent.id)}`, {
    client_secret: clientSecret,
    outcome,
  });
  if (!answered.ok) return { error: answered.error };
  const updated = answered.body;
  if (updated.status === 'requires_payment_method') {
    const last = (updated[k.last] ?? authenticationFailed(kind)) as StripeError;
    return { error: { ...last, [k.error]: updated } as StripeError };
  }
  return { intent: updated };
}
