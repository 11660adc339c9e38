/**
 * Every key of the provider's cache, made here and only here, so a read hook and the write hook that
 * invalidates it cannot spell the same list two ways.
 */
export const keys = {
  catalog: 'catalog',
  paymentMethods: 'paymentMethods',
  subscriptions: 'subscriptions',
  invoices: 'invoices',
  /** A Checkout Session read by id (`<CheckoutStatus>`). */
  checkout: (id: string) => `checkout:${id}`,
  /** A session or PaymentIntent a component creates, one per Idempotency-Key. */
  created: (kind: 'checkout' | 'paymentIntent', idempotencyKey: string) => `${kind}+${idempotencyKey}`,
} as const;

/** The customer's lists, the keys `useInvalidate()` takes: the write hooks refetch them after a change. */
export type ResourceKey = 'catalog' | 'paymentMethods' | 'subscriptions' | 'invoices';
