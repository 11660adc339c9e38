// The page under test: <PaymentForm> as the README mounts it, with the Stripe.js stand-in loaded as a
// script of its own (the server holds it back by `delay` ms, as it does the client-secret route).
import { PaymentForm, TollboothProvider } from '@tollbooth/react';
import { createRoot } from 'react-dom/client';

const params = new URLSearchParams(location.search);
const delay = params.get('delay') ?? '0';
const standIn = `/stripe-standin.js?delay=${delay}`;
const stripe = import(/* @vite-ignore */ standIn).then((m) =>
  m.createStripeJsStandIn({ simulatorUrl: params.get('sim') }),
);

createRoot(document.getElementById('root')).render(
  <TollboothProvider endpoint={`/d/${delay}/api/tollbooth`} stripe={stripe}>
    <PaymentForm items={[{ price: 'basic', quantity: 1 }]} />
  </TollboothProvider>,
);
