import { CheckoutButton } from '@tollbooth/react';
import Link from 'next/link';
import { ProductArt } from '@/components/product-art';
import { ShopRange } from '@/components/shop-range';

const RETURN_PATH = '/return?session_id={CHECKOUT_SESSION_ID}';

export default function ShopPage() {
  return (
    <>
      <section className="hero hero--shop">
        <div>
          <p className="eyebrow">Small runs · Shipped from the workshop</p>
          <h1>Goods for the long road.</h1>
          <p>
            Mugs, bags and jackets made in small runs, and fresh coffee by subscription. Prices come straight
            from Stripe; the browser only ever names what it wants.
          </p>
        </div>
        <ProductArt product="jacket" className="product-art hero__art" />
      </section>

      <section className="section">
        <ShopRange successPath={RETURN_PATH} />
        <p className="section__note">
          Each button goes to Stripe Checkout. Prefer to stay here? <Link href="/pay">Fill a cart</Link> and
          pay on this site.
        </p>
      </section>

      <section className="section" aria-labelledby="ways-to-pay">
        <h2 id="ways-to-pay">Ways to pay</h2>
        <div className="grid grid--3">
          <article className="card feature">
            <h3>Field jacket</h3>
            <p>Waxed cotton, four pockets, made to order. Pays on Stripe&apos;s hosted Checkout page.</p>
            <CheckoutButton price="jacket" successPath={RETURN_PATH} cancelPath="/">
              Buy the jacket with Checkout
            </CheckoutButton>
          </article>
          <article className="card feature">
            <h3>Coffee club</h3>
            <p>A bag of beans every month. Subscribe on Checkout; manage it from your account.</p>
            <CheckoutButton price="club" mode="subscription" successPath={RETURN_PATH} cancelPath="/">
              Join the coffee club
            </CheckoutButton>
          </article>
          <article className="card feature">
            <h3>In a hurry?</h3>
            <p>Pay for a tote without leaving the page, in Stripe&apos;s embedded Checkout.</p>
            <Link className="button" href="/checkout">
              Express checkout
            </Link>
          </article>
        </div>
      </section>
    </>
  );
}
