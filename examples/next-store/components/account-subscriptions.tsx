'use client';

import { SubscriptionList, useCatalog } from '@tollbooth/react';
import type { ReactNode } from 'react';

/** <SubscriptionList> naming each plan by its product ("Coffee club"), not by its catalog key ("club"). */
export function AccountSubscriptions(): ReactNode {
  const catalog = useCatalog();
  const nameOf = (key: string) => catalog.data?.prices.find((p) => p.id === key)?.product.name ?? key;
  return <SubscriptionList priceLabel={nameOf} />;
}
