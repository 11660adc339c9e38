'use client';

import { type CatalogKey, type CatalogResponse, CheckoutButton, PricingTable } from '@tollbooth/react';
import type { ReactNode } from 'react';
import { ProductArt } from '@/components/product-art';

/** A guest who subscribes is asked to sign in: a subscription needs an account to manage it. */
export const SIGN_IN_TO_SUBSCRIBE = {
  unauthenticated: 'Please sign in (top of the page) to subscribe: you manage the club from your account.',
};

/**
 * The catalog as product cards. `renderAction` adds each product's picture next to the default buy button;
 * the shop's CSS moves the picture to the top of the card (it comes last in the card's markup).
 */
export function ShopRange({
  successPath,
  catalog,
}: {
  successPath: string;
  /** The catalog loaded on the server, so the cards are in the first HTML; without it the browser loads it. */
  catalog?: CatalogResponse<CatalogKey>;
}): ReactNode {
  return (
    <PricingTable
      initialData={catalog}
      className="shop-range"
      successPath={successPath}
      messages={{ heading: 'The range' }}
      renderAction={(price, label) => (
        <>
          <ProductArt product={price.id} className="product-art product-art--plan" />
          <CheckoutButton
            price={price.id}
            mode={price.recurring ? 'subscription' : 'payment'}
            successPath={successPath}
            cancelPath="/"
            messages={SIGN_IN_TO_SUBSCRIBE}
          >
            {label}
            <span className="tb-visually-hidden"> {price.product.name}</span>
          </CheckoutButton>
        </>
      )}
    />
  );
}
