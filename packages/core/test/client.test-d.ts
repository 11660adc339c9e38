import { describe, expectTypeOf, it } from 'vitest';
import { type CatalogKeyOf, createClient, type TollboothTypes } from '../src/index';

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
