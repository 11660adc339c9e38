import type { Metadata } from 'next';
import { Cart } from '@/components/cart';

export const metadata: Metadata = { title: 'Cart' };

const KEYS = ['mug', 'tote', 'jacket'] as const;

/** `/pay?items=jacket:1,mug:2` fills the cart; a plain `/pay` starts with one mug. */
export default async function PayPage({ searchParams }: { searchParams: Promise<{ items?: string }> }) {
  const { items } = await searchParams;
  const initial: Partial<Record<(typeof KEYS)[number], number>> = items ? {} : { mug: 1 };
  for (const part of (items ?? '').split(',')) {
    const [key, qty] = part.split(':');
    const n = Number(qty ?? '1');
    const known = KEYS.find((k) => k === key);
    if (known && Number.isInteger(n) && n > 0 && n < 100) initial[known] = n;
  }
  return (
    <>
      <section className="hero">
        <h1>Cart</h1>
        <p>
          Pick your quantities, then pay by card right here. Your bank may ask you to confirm the payment.
        </p>
      </section>
      <Cart initial={initial} />
    </>
  );
}
