import { CheckoutButton } from '@tollbooth/react';
import { headers } from 'next/headers';
import Link from 'next/link';
import { ProductArt } from '@/components/product-art';
import { ShopRange, SIGN_IN_TO_SUBSCRIBE } from '@/components/shop-range';
import { loadForPage } from '@/server/load';

const RETURN_PATH = '/return?session_id={CHECKOUT_SESSION_ID}';
/** The jacket is a parcel: Checkout asks where to send it, in the countries the shop ships to. */
const SHIPS_TO = { allowedCountries: ['US', 'CA', 'GB', 'DE', 'FR'] };

export default async function ShopPage() {
  const catalog = await loadForPage('catalog.read', await headers());
  return (
    <>
      <section className="hero hero--shop">
        <div>
          <p className="eyebrow">Small runs · Shipped from the workshop</p>
          <h1>Goods for the long road.</h1>
          <p>
            Mugs, bags and jackets made in small runs, and fresh coffee by subscription. Secure card payments,
            receipts by email, and returns within 30 days.
          </p>
        </div>
        <ProductArt product="jacket" className="product-art hero__art" />
      </section>

      <section className="section">
        <ShopRange successPath={RETURN_PATH} catalog={catalog} />
        <p className="section__note">
          Each button takes you to a secure checkout page. Buying several things?{' '}
          <Link href="/pay">Fill a cart</Link> and pay on this site.
        </p>
      </section>

      <section className="section" aria-labelledby="ways-to-pay">
        <h2 id="ways-to-pay">Ways to pay</h2>
        <div className="grid grid--3">
          <article className="card feature">
            <h3>Field jacket</h3>
            <p>Waxed cotton, four pockets, made to order. Shipped in two weeks.</p>
            <CheckoutButton
              price="jacket"
              successPath={RETURN_PATH}
              cancelPath="/"
              shippingAddressCollection={SHIPS_TO}
            >
              Buy the jacket with Checkout
            </CheckoutButton>
          </article>
          <article className="card feature">
            <h3>Coffee club</h3>
            <p>A bag of beans every month. Pause or cancel any time from your account.</p>
            <CheckoutButton
              price="club"
              mode="subscription"
              successPath={RETURN_PATH}
              cancelPath="/"
              messages={SIGN_IN_TO_SUBSCRIBE}
            >
              Join the coffee club
            </CheckoutButton>
          </article>
          <article className="card feature">
            <h3>In a hurry?</h3>
            <p>Get a canvas tote in one step, without leaving the shop.</p>
            <Link className="button" href="/checkout">
              Express checkout
            </Link>
          </article>
        </div>
      </section>
    </>
  );
}
