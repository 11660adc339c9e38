import type { Stripe, StripeEmbeddedCheckoutOptions, StripeError } from '@stripe/stripe-js';
import { toCardData } from './card';
import {
  type ConfirmContext,
  confirmIntent,
  handleChallenge,
  IntegrationError,
  type IntentKind,
  retrieveIntent,
} from './confirm';
import type { StandInElement } from './element';
import {
  createElements,
  type StandInElements,
  type StandInElementsOptions,
  validationError,
} from './elements';
import { createEmbeddedCheckout } from './embedded-checkout';
import { createSimulatorHttp } from './http';
import { unsupported } from './unsupported';

/** Options of {@link createStripeJsStandIn}. */
export interface StripeJsStandInOptions {
  /** Base URL of a running simulator (`(await sim.listen()).url`), where every call goes. */
  simulatorUrl: string;
  /** The publishable key sent as the bearer token, as Stripe.js sends yours. @default 'pk_test_tollbooth' */
  publishableKey?: string;
  /** The fetch used for every call, e.g. the simulator's own `sim.fetch` in the page. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Follows a redirect (a `return_url` after confirming, a checkout return URL). @default window.location.assign */
  navigate?: (url: string) => void;
}

/** A `Stripe` object backed by the simulator; pass it wherever Stripe.js's `Stripe` goes. */
export type StripeJsStandIn = Stripe & {
  /** Marks the object as the stand-in, for code that wants to tell it from real Stripe.js. */
  readonly isStripeJsStandIn: true;
  readonly simulatorUrl: string;
  readonly publishableKey: string;
};

type Loose = Record<string, unknown>;
type ConfirmOptions = {
  elements?: StandInElements;
  clientSecret?: string;
  confirmParams?: Loose & { return_url?: string; payment_method?: string; payment_method_data?: Loose };
  redirect?: 'always' | 'if_required';
};
type CardConfirmData = Loose & {
  payment_method?: string | { card?: StandInElement; billing_details?: Loose };
};

const kindOf = (clientSecret: string): IntentKind => (clientSecret.startsWith('seti_') ? 'setup' : 'payment');

/**
 * A Stripe.js stand-in: the part of `Stripe` that @stripe/react-stripe-js and Tollbooth's components use,
 * rendering real inputs into the page and confirming against the simulator over HTTP. Importing and
 * creating it touch no DOM; only mounting and confirming do.
 */
export function createStripeJsStandIn(options: StripeJsStandInOptions): StripeJsStandIn {
  const publishableKey = options.publishableKey ?? 'pk_test_tollbooth';
  if (!options.simulatorUrl) throw new IntegrationError('createStripeJsStandIn: `simulatorUrl` is required.');
  if (publishableKey.startsWith('sk_') || publishableKey.startsWith('rk_')) {
    throw new IntegrationError(
      'You should not use your secret key with Stripe.js. Please pass a publishable key.',
    );
  }
  if (!publishableKey.startsWith('pk_')) {
    throw new IntegrationError(`Invalid API Key provided: ${publishableKey}`);
  }
  const http = createSimulatorHttp({
    simulatorUrl: options.simulatorUrl,
    publishableKey,
    fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
  });
  const ctx: ConfirmContext = {
    http,
    navigate: options.navigate ?? ((url) => globalThis.location.assign(url)),
  };
  let embedded = false;

  const confirm = (kind: IntentKind, method: string, o: ConfirmOptions) => {
    const { return_url, payment_method, payment_method_data } = o.confirmParams ?? {};
    return confirmIntent(ctx, kind, {
      method,
      elements: o.elements,
      clientSecret: o.clientSecret,
      paymentMethod: payment_method,
      billingDetails: payment_method_data?.billing_details as Loose | undefined,
      returnUrl: return_url,
      redirect: o.redirect ?? 'always',
    });
  };
  const confirmCard = (
    kind: IntentKind,
    method: string,
    clientSecret: string,
    data: CardConfirmData = {},
    handleActions = true,
  ) => {
    const pm = data.payment_method;
    return confirmIntent(ctx, kind, {
      method,
      clientSecret,
      paymentMethod: typeof pm === 'string' ? pm : undefined,
      cardElement: typeof pm === 'object' ? pm.card : undefined,
      billingDetails: typeof pm === 'object' ? pm.billing_details : undefined,
      returnUrl: typeof data.return_url === 'string' ? data.return_url : undefined,
      redirect: 'if_required',
      handleActions,
    });
  };
  const nextAction = async (clientSecret: string) => {
    const kind = kindOf(clientSecret);
    const retrieved = await retrieveIntent(ctx, kind, clientSecret);
    if (retrieved.error) return retrieved;
    const intent = ('paymentIntent' in retrieved ? retrieved.paymentIntent : retrieved.setupIntent) as Loose;
    if (intent.status !== 'requires_action') return retrieved;
    const handled = await handleChallenge(ctx, kind, intent, clientSecret);
    if ('error' in handled) return handled;
    return kind === 'payment' ? { paymentIntent: handled.intent } : { setupIntent: handled.intent };
  };
  const createPaymentMethod = async (
    o: Loose,
  ): Promise<{ paymentMethod: Loose } | { error: StripeError }> => {
    const elements = o.elements as StandInElements | undefined;
    if (elements && !elements._submitted) {
      throw new IntegrationError('elements.submit() must be called before stripe.createPaymentMethod().');
    }
    const element = elements ? elements._cardElement() : (o.card as StandInElement | undefined);
    const state = element?._read();
    if (!element || !state) {
      throw new IntegrationError('createPaymentMethod: pass `elements` or a mounted card Element.');
    }
    const first = element._validate()?.[0];
    if (first) return { error: validationError(first) };
    const params = (o.params ?? {}) as Loose;
    const billing = (params.billing_details ?? o.billing_details ?? {}) as Loose & { address?: Loose };
    const postalCode = state.input.postalCode.trim();
    const created = await http.api('POST', '/v1/payment_methods', {
      type: 'card',
      card: toCardData(state.input),
      billing_details: postalCode
        ? { ...billing, address: { ...billing.address, postal_code: postalCode } }
        : billing,
    });
    return created.ok ? { paymentMethod: created.body } : { error: created.error };
  };
  const embeddedCheckout = async (o: StripeEmbeddedCheckoutOptions) => {
    if (embedded) throw new IntegrationError('You cannot have multiple Embedded Checkout objects.');
    embedded = true;
    try {
      return await createEmbeddedCheckout(http, o, {
        navigate: ctx.navigate,
        onDestroy: () => (embedded = false),
      });
    } catch (error) {
      embedded = false;
      throw error;
    }
  };

  const standIn = {
    ...unsupported(),
    isStripeJsStandIn: true,
    simulatorUrl: options.simulatorUrl,
    publishableKey,
    elements: (elementsOptions?: StandInElementsOptions) => createElements(http, elementsOptions),
    confirmPayment: (o: ConfirmOptions) => confirm('payment', 'confirmPayment', o),
    confirmSetup: (o: ConfirmOptions) => confirm('setup', 'confirmSetup', o),
    confirmCardPayment: (secret: string, data?: CardConfirmData, o?: { handleActions?: boolean }) =>
      confirmCard('payment', 'confirmCardPayment', secret, data, o?.handleActions),
    confirmCardSetup: (secret: string, data?: CardConfirmData, o?: { handleActions?: boolean }) =>
      confirmCard('setup', 'confirmCardSetup', secret, data, o?.handleActions),
    retrievePaymentIntent: (secret: string) => retrieveIntent(ctx, 'payment', secret),
    retrieveSetupIntent: (secret: string) => retrieveIntent(ctx, 'setup', secret),
    handleNextAction: (o: { clientSecret: string }) => nextAction(o.clientSecret),
    handleCardAction: (secret: string) => nextAction(secret),
    createPaymentMethod,
    // Tokens are a legacy flow the simulator does not model: answer like a failed call rather than throw.
    createToken: async () => ({
      error: {
        type: 'invalid_request_error',
        code: 'stand_in_unsupported',
        message:
          'createToken is not supported by the Stripe.js stand-in; use confirmPayment or createPaymentMethod.',
      } satisfies StripeError,
    }),
    createEmbeddedCheckoutPage: embeddedCheckout,
    // The name Stripe.js used before createEmbeddedCheckoutPage.
    initEmbeddedCheckout: embeddedCheckout,
    paymentRequest: () => ({
      canMakePayment: async () => null,
      on: () => {},
      off: () => {},
      update: () => {},
      show: () => {
        throw new IntegrationError('Wallets are not available in the Stripe.js stand-in.');
      },
      isShowing: () => false,
      abort: () => {},
    }),
    registerAppInfo: () => {},
    _registerWrapper: () => {},
  };
  // The stand-in implements the subset above; the rest of `Stripe` throws a clear IntegrationError.
  return standIn as unknown as StripeJsStandIn;
}
