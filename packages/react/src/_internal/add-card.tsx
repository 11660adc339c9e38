import type { SetupIntent, Stripe, StripeElements } from '@stripe/stripe-js';
import type { SetupIntentCreateResponse } from '@tollbooth/core';
import { lazy, type ReactNode, Suspense, useRef, useState } from 'react';
import type { declineMessages, errorMessages, paymentMethodManagerMessages } from '../messages';
import type { TollboothContextValue } from '../provider';
import { describeError, describeStripeError, type Problem } from './errors';
import { useStripeJs } from './load-stripe';
import { Alert } from './ui';

const ElementsForm = /* @__PURE__ */ lazy(() =>
  import('./elements-form').then((m) => ({ default: m.ElementsForm })),
);

type Messages = typeof paymentMethodManagerMessages & typeof errorMessages;

export interface AddCardProps {
  ctx: TollboothContextValue;
  m: Messages;
  declines: typeof declineMessages & Record<string, string>;
  /** The SetupIntent's client secret, created (once per attempt) by the manager. */
  setupIntent: SetupIntentCreateResponse;
  returnPath?: string;
  onSaved: (setupIntent: SetupIntent) => void;
  onCancel: () => void;
}

/** The add-a-card step: Payment Element on a SetupIntent, then `confirmSetup` (3-D Secure by Stripe.js). */
export function AddCard(props: AddCardProps): ReactNode {
  const { ctx, m, declines } = props;
  const stripeJs = useStripeJs(ctx, m);
  const { stripe } = stripeJs;
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const onSubmit = async (s: Stripe, elements: StripeElements) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setProblem(null);
    try {
      const { error: invalid } = await elements.submit();
      if (invalid) return setProblem(describeStripeError(invalid, declines, m));
      const returnUrl = new URL(
        props.returnPath ?? window.location.pathname + window.location.search,
        window.location.href,
      );
      const { error, setupIntent } = await s.confirmSetup({
        elements,
        clientSecret: props.setupIntent.clientSecret,
        confirmParams: { return_url: returnUrl.href },
        redirect: 'if_required',
      });
      if (error) setProblem(describeStripeError(error, declines, m));
      else if (setupIntent.status === 'succeeded' || setupIntent.status === 'processing')
        props.onSaved(setupIntent);
      else setProblem(describeStripeError(setupIntent.last_setup_error ?? {}, declines, m));
    } catch (error) {
      setProblem(describeError(error, m));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  return (
    <div className="tb-add-card">
      {stripe ? (
        <Suspense fallback={<p className="tb-loading">{m.loading}</p>}>
          <ElementsForm
            stripe={stripe}
            clientSecret={props.setupIntent.clientSecret}
            appearance={ctx.appearance}
            locale={ctx.locale}
            label={m.add}
            submitLabel={busy ? m.processing : m.save}
            busy={busy}
            // Opened by "Add a card": on a phone it appears below the fold, so the cursor goes into it.
            focusOnReady
            onSubmit={onSubmit}
          >
            <button
              type="button"
              className="tb-button tb-button-secondary"
              onClick={props.onCancel}
              disabled={busy}
            >
              {m.cancel}
            </button>
          </ElementsForm>
        </Suspense>
      ) : stripeJs.problem ? null : (
        <p className="tb-loading">{m.loading}</p>
      )}
      <Alert problem={stripeJs.problem} retryLabel={m.retry} onRetry={stripeJs.retry} />
      <Alert problem={problem} retryLabel={m.retry} />
    </div>
  );
}
