import { EmbeddedCheckout } from '@tollbooth/react';
import type { Metadata } from 'next';
import { ProductArt } from '@/components/product-art';

export const metadata: Metadata = { title: 'Express checkout' };

export default function ExpressCheckoutPage() {
  return (
    <>
      <section className="hero">
        <h1>Express checkout</h1>
        <p>A canvas tote, paid in one step without leaving the shop.</p>
      </section>
      <div className="express">
        <aside className="card express__item" aria-labelledby="express-item">
          <ProductArt product="tote" />
          <h2 id="express-item">Canvas tote</h2>
          <p>Heavy cotton canvas, long handles, an inside pocket for receipts.</p>
        </aside>
        <div className="card">
          <EmbeddedCheckout
            items={[{ price: 'tote', quantity: 1 }]}
            successPath="/return?session_id={CHECKOUT_SESSION_ID}"
          />
        </div>
      </div>
    </>
  );
}
