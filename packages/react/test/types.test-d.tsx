import type { Tollbooth } from '@tollbooth/server';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CatalogKey,
  CheckoutButton,
  EmbeddedCheckout,
  PaymentForm,
  PricingTable,
  useCatalog,
  useSubscriptions,
  useTollbooth,
} from '../src/index';

// The documented pattern: register the server's type once, every component and hook learns the keys.
// (This augmentation applies to the whole type-check of this package, so all tests here use these keys.)
declare const tollbooth: Tollbooth<'basic' | 'pro' | 'team'>;
declare module '../src/index' {
  interface Register {
    tollbooth: typeof tollbooth;
  }
}

describe('catalog keys, typed end to end', () => {
  it('resolves the registered keys', () => {
    expectTypeOf<CatalogKey>().toEqualTypeOf<'basic' | 'pro' | 'team'>();
  });

  it('accepts known keys and rejects typos in every component', () => {
    <CheckoutButton price="pro" />;
    <CheckoutButton items={[{ price: 'basic', quantity: 2 }]} mode="payment" />;
    // @ts-expect-error a typo in a price key does not compile
    <CheckoutButton price="por" />;
    // @ts-expect-error nor inside items
    <CheckoutButton items={[{ price: 'bsic', quantity: 1 }]} />;
    // @ts-expect-error `price` and `items` are exclusive
    <CheckoutButton price="pro" items={[{ price: 'basic', quantity: 1 }]} />;
    <PaymentForm items={[{ price: 'team', quantity: 3 }]} />;
    // @ts-expect-error unknown key
    <PaymentForm items={[{ price: 'enterprise', quantity: 1 }]} />;
    <EmbeddedCheckout items={[{ price: 'basic', quantity: 1 }]} mode="subscription" />;
    <EmbeddedCheckout clientSecret="cs_test_secret" />;
    // @ts-expect-error unknown key
    <EmbeddedCheckout items={[{ price: 'gold', quantity: 1 }]} />;
    <PricingTable prices={['pro', 'basic']} />;
    // @ts-expect-error unknown key
    <PricingTable prices={['platinum']} />;
  });

  it('passes the built-in buttons every prop but the ones each price decides', () => {
    <PricingTable checkoutButtonProps={{ cancelPath: '/pricing', uiMode: 'hosted', onCheckout: () => {} }} />;
    // @ts-expect-error the price comes from each card
    <PricingTable checkoutButtonProps={{ price: 'pro' }} />;
    // @ts-expect-error the mode follows the price (subscription for recurring prices)
    <PricingTable checkoutButtonProps={{ mode: 'payment' }} />;
  });

  it('narrows further with an explicit type argument', () => {
    <CheckoutButton<'pro'> price="pro" />;
    // @ts-expect-error 'basic' is not 'pro'
    <CheckoutButton<'pro'> price="basic" />;
  });

  it('types the hooks and the client by the same keys', () => {
    expectTypeOf(useCatalog().data!.prices[0]!.id).toEqualTypeOf<'basic' | 'pro' | 'team'>();
    expectTypeOf(useSubscriptions().data!.data[0]!.price).toEqualTypeOf<'basic' | 'pro' | 'team' | string>();
    expectTypeOf(useTollbooth().createCheckout)
      .parameter(0)
      .toHaveProperty('items')
      .toEqualTypeOf<{ price: 'basic' | 'pro' | 'team'; quantity: number }[]>();
    // @ts-expect-error the client rejects typos too
    useTollbooth().createPaymentIntent({ items: [{ price: 'prp', quantity: 1 }] });
  });
});
