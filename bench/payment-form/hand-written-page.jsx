// The peer: what a developer writes with @stripe/react-stripe-js alone. Stripe.js (the same stand-in script,
// held back the same way) and the client secret load in parallel; the form renders once both are there.
import { Elements, PaymentElement } from '@stripe/react-stripe-js';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

const params = new URLSearchParams(location.search);
const delay = params.get('delay') ?? '0';
const standIn = `/stripe-standin.js?delay=${delay}`;
const stripe = import(/* @vite-ignore */ standIn).then((m) =>
  m.createStripeJsStandIn({ simulatorUrl: params.get('sim') }),
);

function Form() {
  const [ready, setReady] = useState(false);
  return (
    <form onSubmit={(event) => event.preventDefault()}>
      <PaymentElement onReady={() => setReady(true)} />
      <button type="submit" disabled={!ready}>
        Pay
      </button>
    </form>
  );
}

function App() {
  const [clientSecret, setClientSecret] = useState(null);
  useEffect(() => {
    fetch(`/d/${delay}/api/peer/payment-intents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ items: [{ price: 'basic', quantity: 1 }] }),
    })
      .then((response) => response.json())
      .then((body) => setClientSecret(body.clientSecret));
  }, []);
  if (!clientSecret) return <p>Loading…</p>;
  return (
    <Elements stripe={stripe} options={{ clientSecret }}>
      <Form />
    </Elements>
  );
}

createRoot(document.getElementById('root')).render(<App />);
