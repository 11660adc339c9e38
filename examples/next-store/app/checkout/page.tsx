import { EmbeddedCheckout } from '@tollbooth/react';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Express checkout' };

export default function ExpressCheckoutPage() {
  return (
    <>
      <section className="hero">
        <h1>Express checkout</h1>
        <p>A canvas tote, paid in Stripe&apos;s embedded Checkout without leaving the shop.</p>
      </section>
      <div className="card">
        <EmbeddedCheckout
          items={[{ price: 'tote', quantity: 1 }]}
          successPath="/return?session_id={CHECKOUT_SESSION_ID}"
        />
      </div>
    </>
  );
}
