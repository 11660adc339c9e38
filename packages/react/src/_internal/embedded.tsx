import {
  EmbeddedCheckoutProvider,
  EmbeddedCheckout as StripeEmbeddedCheckout,
} from '@stripe/react-stripe-js';
import type { Stripe } from '@stripe/stripe-js';
import { type ReactNode, useState } from 'react';

/** Loaded on demand: Stripe's embedded Checkout, mounted once per client secret. */
export function Embedded(props: {
  stripe: Stripe;
  clientSecret: string;
  onComplete?: () => void;
}): ReactNode {
  // EmbeddedCheckoutProvider warns when its options change: they are fixed for the life of the session.
  const [options] = useState(() => ({ clientSecret: props.clientSecret, onComplete: props.onComplete }));
  return (
    <EmbeddedCheckoutProvider stripe={props.stripe} options={options}>
      <StripeEmbeddedCheckout className="tb-embedded-frame" />
    </EmbeddedCheckoutProvider>
  );
}
