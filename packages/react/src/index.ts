'use client';

export type {
  BillingState,
  BillingStatus,
  BillingSubscription,
  CatalogPrice,
  CheckoutCreateResponse,
  CheckoutMode,
  CheckoutSessionSummary,
  CheckoutUiMode,
  LineItem,
  PaymentMethodSummary,
  SubscriptionSummary,
} from '@tollbooth/core';
export { has, TollboothError } from '@tollbooth/core';
export type { Problem } from './_internal/errors';
export type { UiState } from './_internal/hooks';
export { type BillingResult, Entitled, type EntitledProps, type PlanKey, useBilling } from './billing';
export { CheckoutButton, type CheckoutButtonProps, type CheckoutItemsProps } from './checkout-button';
export { CheckoutStatus, type CheckoutStatusProps } from './checkout-status';
export { CustomerPortalButton, type CustomerPortalButtonProps } from './customer-portal-button';
export { EmbeddedCheckout, type EmbeddedCheckoutProps } from './embedded-checkout';
export { type ResourceState, useCatalog, useInvoices, usePaymentMethods, useSubscriptions } from './hooks';
export { InvoiceList, type InvoiceListProps } from './invoice-list';
export {
  checkoutButtonMessages,
  checkoutStatusMessages,
  customerPortalButtonMessages,
  type DeclineMessages,
  declineMessages,
  type ErrorMessages,
  errorMessages,
  invoiceListMessages,
  paymentFormMessages,
  paymentMethodManagerMessages,
  pricingTableMessages,
  refundFormMessages,
  subscriptionListMessages,
  type TollboothMessages,
} from './messages';
export { PaymentForm, type PaymentFormProps } from './payment-form';
export { PaymentMethodManager, type PaymentMethodManagerProps } from './payment-method-manager';
export { PlanSwitcher, type PlanSwitcherProps } from './plan-switcher';
export { planSwitcherMessages } from './plan-switcher-messages';
export { PricingTable, type PricingTableButtonProps, type PricingTableProps } from './pricing-table';
export {
  type CatalogKey,
  type Register,
  type StripeProp,
  TollboothProvider,
  type TollboothProviderProps,
  useTollbooth,
} from './provider';
export { RefundForm, type RefundFormProps } from './refund-form';
export { SubscriptionList, type SubscriptionListProps } from './subscription-list';
