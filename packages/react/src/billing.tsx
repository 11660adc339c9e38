import { type BillingState, has, type PlanKeyOf, type TollboothError } from '@tollbooth/core';
import type { ReactNode } from 'react';
import { useResource } from './_internal/hooks';
import {
  type CatalogKey,
  getClient,
  type Register,
  type TollboothContextValue,
  useTollboothContext,
} from './provider';

/** The plan key type: the registered server's plans, or `string` when nothing is registered. */
export type PlanKey = Register extends { tollbooth: infer T } ? PlanKeyOf<T> : string;

/** What `useBilling()` returns. */
export interface BillingResult {
  /** The caller's billing state (`GET /billing`); `undefined` until the first answer. */
  data: BillingState<PlanKey, CatalogKey> | undefined;
  /** `loading` until the first answer; stays `succeeded` with the old data while a refresh runs. */
  status: 'loading' | 'succeeded' | 'error';
  error: TollboothError | undefined;
  /** Reads the state again (after a plan change, or on the page Checkout returns to). */
  refresh: () => Promise<void>;
}

/** @internal The shared, deduplicated `GET /billing` request (`key` null: not wanted here). */
export function useBillingResource(ctx: TollboothContextValue, wanted = true) {
  return useResource<BillingState<PlanKey, CatalogKey>>(ctx, wanted ? 'billing' : null, () =>
    getClient(ctx).getBilling(),
  );
}

/**
 * The signed-in caller's billing state: plan, status, features, limits and subscription. For the interface
 * only: the server decides with `tollbooth.billing(user)` or `context.billing()`.
 */
export function useBilling(): BillingResult {
  const ctx = useTollboothContext('useBilling()');
  const billing = useBillingResource(ctx);
  return { data: billing.data, status: billing.status, error: billing.error, refresh: billing.refetch };
}

export interface EntitledProps {
  /** The feature the children need (`has(state, feature)`). */
  feature: string;
  /** Shown while the state loads, on an error and when the feature is not granted. @default null */
  fallback?: ReactNode;
  children?: ReactNode;
}

/**
 * Renders `children` only when the caller's plan grants `feature`, else `fallback`. It hides interface; it
 * protects nothing: gate the data and the action on the server too.
 */
export function Entitled(props: EntitledProps): ReactNode {
  const ctx = useTollboothContext('<Entitled>');
  const billing = useBillingResource(ctx);
  return has(billing.data, props.feature) ? props.children : (props.fallback ?? null);
}

/** Statuses in which a subscription is the customer's current plan. */
const CURRENT = new Set(['active', 'trialing', 'past_due']);

/**
 * @internal What `<PricingTable>` and `<SubscriptionList>` mark as current: the live subscription of the
 * billing state. A visitor without access (401/403) simply sees nothing marked.
 */
export function useCurrentSubscription(ctx: TollboothContextValue, wanted: boolean) {
  const billing = useBillingResource(ctx, wanted);
  const sub = billing.data?.subscription;
  return sub && CURRENT.has(sub.status) ? sub : null;
}
