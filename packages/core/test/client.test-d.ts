import { describe, expectTypeOf, it } from 'vitest';
import {
  type CallOptions,
  type CatalogKeyOf,
  createClient,
  type RefundCreateRequest,
  type TollboothTypes,
} from '../src/index';

interface FakeTollbooth {
  handle(request: Request): Promise<Response>;
  readonly $types?: TollboothTypes<'basic' | 'pro'>;
}

describe('client types', () => {
  it('learns catalog keys from the server type', () => {
    expectTypeOf<CatalogKeyOf<FakeTollbooth>>().toEqualTypeOf<'basic' | 'pro'>();
    expectTypeOf<CatalogKeyOf<unknown>>().toEqualTypeOf<string>();
    const client = createClient<FakeTollbooth>();
    expectTypeOf(client.createPaymentIntent).parameter(0).toEqualTypeOf<{
      items: { price: 'basic' | 'pro'; quantity: number }[];
      savePaymentMethod?: boolean;
    }>();
    // @ts-expect-error 'prp' is not a catalog key
    client.createCheckout({ items: [{ price: 'prp', quantity: 1 }] });
  });

  it('types each result', () => {
    const client = createClient();
    expectTypeOf(client.getCatalog).returns.resolves.toHaveProperty('prices');
    expectTypeOf(client.listPaymentMethods).returns.resolves.toEqualTypeOf<{
      data: {
        id: string;
        type: string;
        card: { brand: string; last4: string; expMonth: number; expYear: number } | null;
        isDefault: boolean;
      }[];
    }>();
    expectTypeOf(client.detachPaymentMethod).returns.resolves.toEqualTypeOf<{ id: string; deleted: true }>();
  });
});

describe('call arguments follow the action spec', () => {
  const client = createClient();

  it('requires an id for routes with :id and refuses one elsewhere', () => {
    client.call('checkout.read', { id: 'cs_1' });
    // @ts-expect-error: checkout.read has :id in its route
    client.call('checkout.read');
    // @ts-expect-error: an empty args object still lacks the id
    client.call('checkout.read', {});
    // @ts-expect-error: catalog.read has no path id
    client.call('catalog.read', { id: 'x' });
    client.call('catalog.read');
  });

  it('requires input when the body has a required field', () => {
    client.call('paymentIntent.create', { input: { items: [{ price: 'basic', quantity: 1 }] } });
    // @ts-expect-error: paymentIntent.create needs items
    client.call('paymentIntent.create');
    // @ts-expect-error: options alone carry no items
    client.call('paymentIntent.create', { idempotencyKey: 'k' });
    // Every field of the portal body is optional, so the input may be left out.
    client.call('portal.create');
    client.createPortalSession();
    // @ts-expect-error: a bodiless route takes no input
    client.call('subscriptions.cancel', { id: 'sub_1', input: { cancel_at_period_end: false } });
  });

  it('derives each shorthand from the spec', () => {
    expectTypeOf(client.getCheckout).parameters.toEqualTypeOf<[id: string, options?: CallOptions]>();
    expectTypeOf(client.createSetupIntent).parameters.toEqualTypeOf<[options?: CallOptions]>();
    expectTypeOf(client.createRefund).parameter(0).toEqualTypeOf<RefundCreateRequest>();
    // @ts-expect-error: not an action's shorthand
    client.deleteEverything;
  });
});
