import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import type { Appearance, Stripe, StripeElements } from '@stripe/stripe-js';
import { type FormEvent, type ReactNode, useState } from 'react';
import { toStripeLocale } from './stripe-locale';

export interface ElementsFormProps {
  stripe: Stripe;
  clientSecret: string;
  appearance?: Appearance;
  locale?: string;
  /** Accessible name of the form. */
  label: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (stripe: Stripe, elements: StripeElements) => void;
  /** Move focus into the card field (and scroll to it) once it is ready: the form appeared on a click. */
  focusOnReady?: boolean;
  /** Extra controls after the submit button (a cancel button). */
  children?: ReactNode;
}

/** Loaded on demand: the only module that imports @stripe/react-stripe-js for payment and setup forms. */
export function ElementsForm(props: ElementsFormProps): ReactNode {
  const { stripe, clientSecret, appearance, locale } = props;
  // Elements' options are fixed once set: the parent remounts this form (key) for another client secret.
  const [options] = useState(() => ({
    clientSecret,
    ...(appearance && { appearance }),
    ...(locale && { locale: toStripeLocale(locale) }),
  }));
  return (
    <Elements stripe={stripe} options={options}>
      <Fields {...props} />
    </Elements>
  );
}

function Fields(props: ElementsFormProps): ReactNode {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (stripe && elements && ready) props.onSubmit(stripe, elements);
  };
  return (
    <form className="tb-form" aria-label={props.label} onSubmit={onSubmit} aria-busy={props.busy}>
      <PaymentElement
        onReady={(element) => {
          setReady(true);
          // Stripe's element.focus() focuses the field in its frame; scrolling follows focus on a phone.
          if (props.focusOnReady) element.focus();
        }}
      />
      <div className="tb-actions">
        <button type="submit" className="tb-button" disabled={!ready || props.busy}>
          {props.submitLabel}
        </button>
        {props.children}
      </div>
    </form>
  );
}
