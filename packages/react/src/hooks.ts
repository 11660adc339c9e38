import type {
  CallOptions,
  CatalogResponse,
  CheckoutSessionSummary,
  InvoiceListResponse,
  PaymentMethodDetachResponse,
  PaymentMethodListResponse,
  PaymentMethodSetDefaultResponse,
  RefundCreateRequest,
  RefundCreateResponse,
  SetupIntentCreateResponse,
  SubscriptionListResponse,
  SubscriptionSummary,
  TollboothClient,
} from '@tollbooth/core';
import { useCallback, useRef } from 'react';
import type { Problem } from './_internal/errors';
import { type ResourceState, type UiState, useAttempt, useMessages, useResource } from './_internal/hooks';
import { keys, type ResourceKey } from './_internal/keys';
import { getStore } from './_internal/store';
import type { ErrorMessages } from './messages';
import { type CatalogKey, getClient, useTollboothContext } from './provider';

export type { ResourceState } from './_internal/hooks';
export type { ResourceKey } from './_internal/keys';

// Read hooks: one cached, shared request per list (two components reading a list send one request).

/** Options of the read hooks that can start from data rendered on the server. */
export interface ReadOptions<T> {
  /**
   * The route's answer, loaded on the server (`await tollbooth.load(action, await headers())`): the list renders
   * with it at once (in the server's HTML too) and is not requested on mount; `refetch`, a mutation or a user
   * change still load it again. @default undefined (loaded on mount)
   */
  initialData?: T;
}

/** The buyable prices (`GET /catalog`), typed by your catalog keys. */
export function useCatalog(
  options?: ReadOptions<CatalogResponse<CatalogKey>> & {
    /** `false` reads nothing (and sends no request). @default true */
    enabled?: boolean;
  },
): ResourceState<CatalogResponse<CatalogKey>> {
  const ctx = useTollboothContext('useCatalog()');
  return useResource(
    ctx,
    options?.enabled === false ? null : keys.catalog,
    () => getClient(ctx).getCatalog(),
    options?.initialData,
  );
}

/** The signed-in customer's saved payment methods (`GET /payment-methods`). */
export function usePaymentMethods(): ResourceState<PaymentMethodListResponse> {
  const ctx = useTollboothContext('usePaymentMethods()');
  return useResource(ctx, keys.paymentMethods, () => getClient(ctx).listPaymentMethods());
}

/** The signed-in customer's subscriptions (`GET /subscriptions`). */
export function useSubscriptions(
  options?: ReadOptions<SubscriptionListResponse<CatalogKey>>,
): ResourceState<SubscriptionListResponse<CatalogKey>> {
  const ctx = useTollboothContext('useSubscriptions()');
  return useResource(ctx, keys.subscriptions, () => getClient(ctx).listSubscriptions(), options?.initialData);
}

/** The signed-in customer's invoices (`GET /invoices`). */
export function useInvoices(options?: ReadOptions<InvoiceListResponse>): ResourceState<InvoiceListResponse> {
  const ctx = useTollboothContext('useInvoices()');
  return useResource(ctx, keys.invoices, () => getClient(ctx).listInvoices(), options?.initialData);
}

/** One Checkout Session of the caller (`GET /checkout/:id`): what was bought, the amount, how it ended. */
export function useCheckoutSession(sessionId: string): ResourceState<CheckoutSessionSummary> {
  const ctx = useTollboothContext('useCheckoutSession()');
  return useResource(ctx, keys.checkout(sessionId), () => getClient(ctx).getCheckout(sessionId));
}

/**
 * Loads the given lists again (default: every list and session read so far), e.g. after your auth library
 * signed the user in or out without a page load. Lists on screen refetch at once, the others on next read.
 */
export function useInvalidate(): (...only: ResourceKey[]) => Promise<void> {
  const ctx = useTollboothContext('useInvalidate()');
  return useCallback(
    async (...only) => {
      await getStore(ctx).invalidate(only.length ? only : undefined);
    },
    [ctx],
  );
}

// Write hooks: TanStack Query's mutation shape. One call at a time, a retry of the same input keeps its
// Idempotency-Key, and a success refetches the lists the change touched.

/** What a write hook returns. */
export interface MutationState<I, T> {
  /** Runs the call; resolves with its result, or `undefined` when it failed (see `problem`) or one was running. */
  mutate: (input: I) => Promise<T | undefined>;
  /** `processing` while the call runs, then `succeeded` or `error`. */
  status: UiState;
  /** What to tell the user about the last failure, in the messages' words. */
  problem: Problem | null;
  /** Back to `idle`, forgetting the problem. */
  reset: () => void;
}

export interface MutationOptions<T> {
  /** Messages for failures, over the provider's `messages.errors`. @default the built-in English ones */
  messages?: Partial<ErrorMessages>;
  /** Called with the result before the touched lists refetch. */
  onSuccess?: (data: T) => void;
}

function useMutation<I, T>(
  call: (client: TollboothClient<CatalogKey>, input: I, options: CallOptions) => Promise<T>,
  touches: ResourceKey[],
  options: MutationOptions<T> = {},
): MutationState<I, T> {
  const ctx = useTollboothContext('a Tollbooth write hook');
  const { state, problem, run, reset } = useAttempt(useMessages(ctx, null, {}, options.messages));
  // A retry of the same input is the same attempt (same Idempotency-Key); another input is a new one.
  const last = useRef<string>(undefined);
  const mutate = (input: I) => {
    const scope = JSON.stringify(input);
    if (scope !== last.current) reset();
    last.current = scope;
    return run(async (idempotencyKey) => {
      const data = await call(getClient(ctx), input, { idempotencyKey });
      options.onSuccess?.(data);
      // Resolve with the lists already fresh, so what the caller announces next matches the screen.
      await getStore(ctx).invalidate(touches);
      return data;
    });
  };
  return { mutate, status: state, problem, reset };
}

/** Cancels a subscription at the end of its period (`POST /subscriptions/:id/cancel`); `mutate(id)`. */
export function useCancelSubscription(
  options?: MutationOptions<SubscriptionSummary<CatalogKey>>,
): MutationState<string, SubscriptionSummary<CatalogKey>> {
  return useMutation((client, id, o) => client.cancelSubscription(id, o), [keys.subscriptions], options);
}

/** Undoes a scheduled cancellation (`POST /subscriptions/:id/resume`); `mutate(id)`. */
export function useResumeSubscription(
  options?: MutationOptions<SubscriptionSummary<CatalogKey>>,
): MutationState<string, SubscriptionSummary<CatalogKey>> {
  return useMutation((client, id, o) => client.resumeSubscription(id, o), [keys.subscriptions], options);
}

/** Makes a saved card the customer's default; `mutate(paymentMethodId)`. */
export function useSetDefaultPaymentMethod(
  options?: MutationOptions<PaymentMethodSetDefaultResponse>,
): MutationState<string, PaymentMethodSetDefaultResponse> {
  return useMutation(
    (client, id, o) => client.setDefaultPaymentMethod(id, o),
    [keys.paymentMethods],
    options,
  );
}

/** Removes a saved card from the customer (`DELETE /payment-methods/:id`); `mutate(paymentMethodId)`. */
export function useRemovePaymentMethod(
  options?: MutationOptions<PaymentMethodDetachResponse>,
): MutationState<string, PaymentMethodDetachResponse> {
  return useMutation((client, id, o) => client.detachPaymentMethod(id, o), [keys.paymentMethods], options);
}

/** Starts saving a card: a SetupIntent whose client secret the Payment Element confirms; `mutate()`. */
export function useCreateSetupIntent(
  options?: MutationOptions<SetupIntentCreateResponse>,
): MutationState<void, SetupIntentCreateResponse> {
  return useMutation((client, _, o) => client.createSetupIntent(o), [], options);
}

/** Refunds a payment fully or in part (staff; your `authorize` decides); `mutate({ paymentIntent, amount? })`. */
export function useCreateRefund(
  options?: MutationOptions<RefundCreateResponse>,
): MutationState<RefundCreateRequest, RefundCreateResponse> {
  return useMutation((client, input, o) => client.createRefund(input, o), [], options);
}
