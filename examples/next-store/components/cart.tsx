'use client';

import type { LineItem } from '@tollbooth/core';
import { PaymentForm, useCatalog } from '@tollbooth/react';
import Link from 'next/link';
import { type ReactNode, useState } from 'react';
import { ProductArt } from '@/components/product-art';
import type { CatalogKey } from '@/server/catalog';

/** The one-time goods a cart can hold (the coffee club is a subscription: it goes through Checkout). */
const GOODS: ReadonlyArray<{ key: Exclude<CatalogKey, 'club' | 'clubPlus'>; name: string }> = [
  { key: 'mug', name: 'Enamel mug' },
  { key: 'tote', name: 'Canvas tote' },
  { key: 'jacket', name: 'Field jacket' },
];

type Quantities = Record<(typeof GOODS)[number]['key'], number>;

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount / 100);
}

/**
 * A cart, then <PaymentForm> for it. The form only appears once the cart is settled, so changing quantities
 * does not create a PaymentIntent per click; the server prices the items, the shown total is only a preview.
 */
export function Cart({ initial }: { initial: Partial<Quantities> }): ReactNode {
  const [quantities, setQuantities] = useState<Quantities>({ mug: 0, tote: 0, jacket: 0, ...initial });
  const [items, setItems] = useState<LineItem<CatalogKey>[] | null>(null);
  const [paid, setPaid] = useState<{
    status: string;
    amount: number;
    currency: string;
    lines: string;
  } | null>(null);
  const catalog = useCatalog();
  const priceOf = (key: CatalogKey) => catalog.data?.prices.find((p) => p.id === key);
  const lines = GOODS.filter((g) => quantities[g.key] > 0);
  const total = lines.reduce((sum, g) => sum + (priceOf(g.key)?.unitAmount ?? 0) * quantities[g.key], 0);

  if (paid) {
    const processing = paid.status === 'processing';
    return (
      <div className="notice notice--success" role="status" data-testid="payment-success">
        <h2>{processing ? 'Your payment is processing' : 'Thank you for your order!'}</h2>
        <p>
          {processing ? 'We are waiting for your bank to confirm' : 'Paid'}{' '}
          <strong>{money(paid.amount, paid.currency)}</strong> for {paid.lines}.{' '}
          {processing
            ? 'We will email you as soon as it is confirmed.'
            : 'We are packing it now and will email you when it ships.'}
        </p>
        <p>
          <Link className="button" href="/">
            Continue shopping
          </Link>
        </p>
      </div>
    );
  }

  const change = (key: keyof Quantities, by: number) => {
    setItems(null);
    setQuantities((q) => ({ ...q, [key]: Math.min(99, Math.max(0, q[key] + by)) }));
  };

  return (
    <div className="grid grid--2">
      <section className="card" aria-labelledby="cart-title">
        <h2 id="cart-title">Your cart</h2>
        {GOODS.map((g) => (
          <div className="cart-line" key={g.key}>
            <ProductArt product={g.key} className="product-art product-art--thumb" />
            <div className="cart-line__text">
              <div className="cart-line__name">{g.name}</div>
              <div className="cart-line__price">
                {priceOf(g.key) ? money(priceOf(g.key)!.unitAmount, priceOf(g.key)!.currency) : '…'}
              </div>
            </div>
            <div className="qty">
              <button type="button" aria-label={`One fewer ${g.name}`} onClick={() => change(g.key, -1)}>
                −
              </button>
              <output aria-label={`${g.name} quantity`}>{quantities[g.key]}</output>
              <button type="button" aria-label={`One more ${g.name}`} onClick={() => change(g.key, 1)}>
                +
              </button>
            </div>
          </div>
        ))}
        <div className="total">
          <span>Total</span>
          <span data-testid="cart-total">{money(total, 'usd')}</span>
        </div>
        {lines.length === 0 ? <p className="muted">Your cart is empty: add something with +.</p> : null}
        <p>
          <button
            type="button"
            className="button"
            disabled={lines.length === 0}
            onClick={() => setItems(lines.map((g) => ({ price: g.key, quantity: quantities[g.key] })))}
          >
            Continue to payment
          </button>
        </p>
      </section>
      <section className="card" aria-labelledby="pay-title">
        <h2 id="pay-title">Payment</h2>
        {items ? (
          // Opened by "Continue to payment": on a phone it is below the fold, so the cursor moves into it.
          <PaymentForm
            items={items}
            autoFocus
            onSuccess={(intent) =>
              setPaid({
                status: intent.status,
                amount: intent.amount,
                currency: intent.currency,
                lines: lines.map((g) => `${quantities[g.key]} × ${g.name}`).join(', '),
              })
            }
          />
        ) : (
          <p className="muted">Fill your cart, then continue to payment.</p>
        )}
      </section>
    </div>
  );
}
