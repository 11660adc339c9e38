import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import type { StripeElementsOptions } from '@stripe/stripe-js';
import { useState } from 'react';
import { inject } from 'vitest';
import { page } from 'vitest/browser';
import { createStripeJsStandIn, type StripeJsStandInOptions } from '../../src/stripe-js';

export function standIn(options: Partial<StripeJsStandInOptions> = {}) {
  return createStripeJsStandIn({
    simulatorUrl: inject('simulatorUrl'),
    publishableKey: 'pk_test_browser',
    ...options,
  });
}

/** A card expiry three years ahead, as typed into the field. */
export const futureExpiry = () => `12${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;

export async function fillCard(number: string, { postalCode = '94107' } = {}) {
  await page.getByLabelText('Card number').fill(number);
  await page.getByLabelText(/Expiration date/).fill(futureExpiry());
  await page.getByLabelText(/Security code/).fill('123');
  if (postalCode) await page.getByLabelText('Postal code').fill(postalCode);
}

type Mode = 'payment' | 'setup';

/** What an app does: a Payment Element inside <Elements>, confirmed on submit, the outcome written to the page. */
function PayForm({ mode, redirect = 'if_required' }: { mode: Mode; redirect?: 'if_required' | 'always' }) {
  const stripe = useStripe();
  const elements = useElements();
  const [outcome, setOutcome] = useState('');
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        if (!stripe || !elements) return;
        const confirm = mode === 'payment' ? stripe.confirmPayment : stripe.confirmSetup;
        const params = { return_url: 'http://localhost/done' };
        const result = await (redirect === 'if_required'
          ? confirm({ elements, confirmParams: params, redirect: 'if_required' })
          : confirm({ elements, confirmParams: params })
        ).catch((error: Error) => ({
          error: { type: `thrown ${error.name}`, message: error.message, code: '' },
        }));
        if (result.error) {
          setOutcome(`error ${result.error.type} ${result.error.code ?? ''}: ${result.error.message ?? ''}`);
        } else if ('paymentIntent' in result && result.paymentIntent) {
          setOutcome(`paymentIntent ${result.paymentIntent.status}`);
        } else if ('setupIntent' in result && result.setupIntent) {
          setOutcome(`setupIntent ${result.setupIntent.status} ${String(result.setupIntent.payment_method)}`);
        }
      }}
    >
      <PaymentElement />
      <button type="submit">Pay</button>
      <output aria-label="Outcome">{outcome}</output>
    </form>
  );
}

export function Checkout(props: {
  stripe: ReturnType<typeof standIn>;
  options: StripeElementsOptions;
  mode?: Mode;
  redirect?: 'if_required' | 'always';
}) {
  return (
    <Elements stripe={props.stripe} options={props.options}>
      <PayForm mode={props.mode ?? 'payment'} redirect={props.redirect} />
    </Elements>
  );
}
