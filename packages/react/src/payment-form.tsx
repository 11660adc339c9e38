import type { Appearance, PaymentIntent, Stripe, StripeElements } from '@stripe/stripe-js';
import { createIdempotencyKey, type LineItem, type PaymentIntentCreateResponse } from '@tollbooth/core';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { describeError, describeStripeError, format, type Problem } from './_internal/errors';
import { type UiState, useAttempt, useMessages, useResource } from './_internal/hooks';
import { keys } from './_internal/keys';
import { useStripeJs } from './_internal/load-stripe';
import { formatMoney } from './_internal/money';
import { Alert, cx, Status } from './_internal/ui';
import { declineMessages, type errorMessages, paymentFormMessages } from './messages';
import { type CatalogKey, getClient, useTollboothContext } from './provider';

const loadElementsForm = () => import('./_internal/elements-form');
// Named exports: a CommonJS chunk loaded with import() exposes them in Node and every bundler alike.
const ElementsForm = /* @__PURE__ */ lazy(() =>
  loadElementsForm().then((m) => ({ default: m.ElementsForm })),
);

export interface PaymentFormProps<K extends CatalogKey = CatalogKey> {
  /** What to charge for: catalog keys and quantities; the server prices them. A new value makes a new PaymentIntent. */
  items: LineItem<K>[];
  /** Save the card on the customer for later (`setup_future_usage: off_session`). @default false */
  savePaymentMethod?: boolean;
  /** Called once the payment succeeded (or is processing, for delayed methods). */
  onSuccess?: (paymentIntent: PaymentIntent) => void;
  /** Called with what the user was shown when creating or confirming the payment failed. */
  onError?: (problem: Problem) => void;
  /** Where redirect-based methods (and 3-D Secure fallbacks) come back to. @default the current page */
  returnPath?: string;
  /**
   * Put the cursor in the card field (scrolling to it) once it is ready: for a form that appears after a
   * click ("Continue to payment"), not for one on the page from the start. @default false
   */
  autoFocus?: boolean;
  /** Stripe Elements appearance for this form. @default the provider's */
  appearance?: Appearance;
  className?: string;
  messages?: Partial<typeof paymentFormMessages & typeof errorMessages>;
  declineMessages?: Partial<typeof declineMessages> & Record<string, string>;
}

/** Thrown inside the attempt so it shows the decline in Stripe's words, not a generic failure. */
const declined = (problem: Problem) => ({ problem });

/**
 * Creates a PaymentIntent for `items` on your server while Stripe.js loads, renders the Payment Element and
 * confirms with `redirect: 'if_required'` (Stripe.js runs 3-D Secure). Handles the return from a redirect.
 * A "Please sign in" (or any failed load) is tried again when the page regains focus, and at once when the
 * provider's `userId` changes.
 */
export function PaymentForm<K extends CatalogKey = CatalogKey>(props: PaymentFormProps<K>): ReactNode {
  const ctx = useTollboothContext('<PaymentForm>');
  const m = useMessages(ctx, 'paymentForm', paymentFormMessages, props.messages);
  const declines = { ...declineMessages, ...ctx.messages.declines, ...props.declineMessages };
  const itemsKey = JSON.stringify([props.items, props.savePaymentMethod]);
  // One Idempotency-Key per cart and retry, kept across StrictMode's double effects.
  const [idempotencyKeys] = useState(() => new Map<string, string>());
  const [round, setRound] = useState(0);
  const attempt = `${itemsKey}#${round}`;
  const idempotencyKey = idempotencyKeys.get(attempt) ?? createIdempotencyKey();
  idempotencyKeys.set(attempt, idempotencyKey);

  const [returnSecret, setReturnSecret] = useState<string | null | undefined>(undefined);
  const stripeJs = useStripeJs(ctx, m);
  const { stripe } = stripeJs;
  const pay = useAttempt(m);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per problem shown, not per render of an inline onError.
  useEffect(() => {
    if (pay.problem) props.onError?.(pay.problem);
  }, [pay.problem]);
  const [outcome, setOutcome] = useState<string | null>(null);

  // The URL is read after mount, never during render, so the server and the first client render agree.
  useEffect(() => {
    setReturnSecret(new URLSearchParams(window.location.search).get('payment_intent_client_secret'));
    loadElementsForm().catch(() => {});
  }, []);

  const intent = useResource<PaymentIntentCreateResponse>(
    ctx,
    returnSecret === null ? keys.created('paymentIntent', idempotencyKey) : null,
    () =>
      getClient(ctx).createPaymentIntent(
        { items: props.items, ...(props.savePaymentMethod && { savePaymentMethod: true }) },
        { idempotencyKey },
      ),
  );

  const settle = (pi: PaymentIntent | undefined) => {
    if (pi && (pi.status === 'succeeded' || pi.status === 'processing' || pi.status === 'requires_capture')) {
      setOutcome(pi.status === 'processing' ? m.pending : m.succeeded);
      props.onSuccess?.(pi);
      return pi;
    }
    throw declined(describeStripeError(pi?.last_payment_error ?? {}, declines, m));
  };

  // Back from a redirect (a bank page, a 3-D Secure fallback): show how the payment ended.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, when both the secret and Stripe.js are known.
  useEffect(() => {
    if (!returnSecret || !stripe) return;
    pay.run(async () => {
      const { paymentIntent, error } = await stripe.retrievePaymentIntent(returnSecret);
      if (error) throw declined(describeStripeError(error, declines, m));
      return settle(paymentIntent);
    });
  }, [returnSecret, stripe]);

  const onSubmit = (s: Stripe, elements: StripeElements) => {
    const clientSecret = intent.data?.clientSecret;
    if (!clientSecret) return;
    pay.run(async () => {
      const { error: invalid } = await elements.submit();
      if (invalid) throw declined(describeStripeError(invalid, declines, m));
      const returnUrl = new URL(
        props.returnPath ?? window.location.pathname + window.location.search,
        window.location.href,
      );
      const { error, paymentIntent } = await s.confirmPayment({
        elements,
        clientSecret,
        confirmParams: { return_url: returnUrl.href },
        redirect: 'if_required',
      });
      if (error) throw declined(describeStripeError(error, declines, m));
      return settle(paymentIntent);
    });
  };

  const loadProblem = stripeJs.problem ?? (intent.error ? describeError(intent.error, m) : null);
  const retryLoad = () => {
    if (stripeJs.problem) stripeJs.retry();
    else if (intent.error?.code === 'network_error') intent.refetch();
    else setRound((n) => n + 1);
  };
  const { state } = pay;
  const ready = !!stripe && !!intent.data && returnSecret === null;
  const dataState: UiState =
    state !== 'idle' ? state : loadProblem ? 'error' : ready || (returnSecret && stripe) ? state : 'loading';
  const amount = intent.data ? formatMoney(intent.data.amount, intent.data.currency, ctx.locale) : '';

  return (
    <div
      className={cx('tb tb-payment-form', props.className)}
      data-state={dataState}
      aria-busy={dataState === 'loading'}
    >
      {ready && state !== 'succeeded' && intent.data ? (
        <Suspense fallback={<p className="tb-loading">{m.loading}</p>}>
          <ElementsForm
            key={intent.data.clientSecret}
            stripe={stripe}
            clientSecret={intent.data.clientSecret}
            appearance={props.appearance ?? ctx.appearance}
            locale={ctx.locale}
            label={m.label}
            submitLabel={format(m.submit, { amount })}
            busy={state === 'processing'}
            focusOnReady={props.autoFocus}
            onSubmit={onSubmit}
          />
        </Suspense>
      ) : null}
      <Status>{dataState === 'loading' ? m.loading : state === 'processing' ? m.processing : outcome}</Status>
      <Alert problem={loadProblem} retryLabel={m.retry} onRetry={retryLoad} />
      <Alert problem={pay.problem} retryLabel={m.retry} />
    </div>
  );
}
