import { Elements, PaymentElement } from '@stripe/react-stripe-js';
import { renderToString } from 'react-dom/server';
import { createStripeJsStandIn } from '../../src/stripe-js';

/**
 * Loaded on the Node side (through the `serverRender` command) to check the stand-in is SSR-safe: importing
 * it, creating it and server-rendering <Elements> around a Payment Element touch no `window` or `document`.
 */
export function serverRender(simulatorUrl: string): { html: string; hasWindow: boolean } {
  const stripe = createStripeJsStandIn({ simulatorUrl });
  const html = renderToString(
    <Elements stripe={stripe} options={{ mode: 'payment', amount: 1500, currency: 'usd' }}>
      <PaymentElement id="payment" />
    </Elements>,
  );
  return { html, hasWindow: typeof window !== 'undefined' || typeof document !== 'undefined' };
}
