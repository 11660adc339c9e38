import type {
  CatalogResponse,
  InvoiceListResponse,
  PaymentMethodListResponse,
  SubscriptionListResponse,
} from '@tollbooth/core';
import { type ResourceState, useResource } from './_internal/hooks';
import { type CatalogKey, getClient, useTollboothContext } from './provider';

export type { ResourceState } from './_internal/hooks';

/** The buyable prices (`GET /catalog`), typed by your catalog keys. */
export function useCatalog(): ResourceState<CatalogResponse<CatalogKey>> {
  const ctx = useTollboothContext('useCatalog()');
  return useResource(ctx, 'catalog', () => getClient(ctx).getCatalog());
}

/** The signed-in customer's saved payment methods (`GET /payment-methods`). */
export function usePaymentMethods(): ResourceState<PaymentMethodListResponse> {
  const ctx = useTollboothContext('usePaymentMethods()');
  return useResource(ctx, 'paymentMethods', () => getClient(ctx).listPaymentMethods());
}

/** The signed-in customer's subscriptions (`GET /subscriptions`). */
export function useSubscriptions(): ResourceState<SubscriptionListResponse<CatalogKey>> {
  const ctx = useTollboothContext('useSubscriptions()');
  return useResource(ctx, 'subscriptions', () => getClient(ctx).listSubscriptions());
}

/** The signed-in customer's invoices (`GET /invoices`). */
export function useInvoices(): ResourceState<InvoiceListResponse> {
  const ctx = useTollboothContext('useInvoices()');
  return useResource(ctx, 'invoices', () => getClient(ctx).listInvoices());
}
