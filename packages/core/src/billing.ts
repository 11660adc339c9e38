/**
 * What a customer has paid for, as `tollbooth.billing(user)`, `GET /billing` and `useBilling()` return it. `P` is
 * the plan key type and `K` the catalog key type, both learnt from the server's config.
 */

/** Where the customer stands. `none`: no subscription to any plan, ever (or none Stripe still holds). */
export type BillingStatus =
  | 'none'
  | 'trialing'
  | 'active'
  | 'past_due'
  | 'canceled'
  | 'unpaid'
  | 'incomplete';

/** A downgrade (or other change) that takes effect at a later date, from the subscription's schedule. */
export interface ScheduledChange<P extends string = string, K extends string = string> {
  /** The plan the customer moves to (`null` when the price belongs to no plan). */
  plan: P | null;
  /** The catalog key of the new price (the Stripe price id when it is not in the catalog). */
  price: K | string;
  /** The seats from then on. */
  quantity: number;
  /** Unix seconds. */
  effectiveAt: number;
}

export interface BillingSubscription<P extends string = string, K extends string = string> {
  id: string;
  /** The catalog key of the subscribed price (the Stripe price id when it is not in the catalog). */
  price: K | string;
  status: Exclude<BillingStatus, 'none'>;
  /** Unix seconds. */
  currentPeriodEnd: number;
  cancelAtPeriodEnd: boolean;
  /** Unix seconds; `null` without a trial. */
  trialEnd: number | null;
  quantity: number;
  scheduledChange: ScheduledChange<P, K> | null;
}

export interface BillingState<P extends string = string, K extends string = string> {
  /**
   * The plan whose features apply now: the subscribed plan while `trialing`, `active` or `past_due` (Stripe is
   * still retrying), else the plan without prices (the default plan), else `null`.
   */
  plan: P | null;
  status: BillingStatus;
  features: string[];
  limits: Record<string, number>;
  /** The subscription the state comes from: the live one, or the latest one that ended. */
  subscription: BillingSubscription<P, K> | null;
  /** Unix seconds of the Stripe read this state comes from; `null` when the user has no Stripe customer. */
  syncedAt: number | null;
  /**
   * Seats, on the answers of `billing(owner)` and `setSeats` (not on `sync`'s), when the owner counts them: its
   * plan sets `limits.seats`, or `setSeats` was called for it. Left out otherwise.
   */
  seats?: BillingSeats;
}

/** Seats of a per-seat plan: what the app's membership uses, what the subscription pays for, what the plan allows. */
export interface BillingSeats {
  /** The quantity last given to `setSeats`; `null` when it was never called. */
  used: number | null;
  /** The plan subscription's quantity; 0 without a live subscription. */
  paid: number;
  /** The plan's `limits.seats`; `null` when the plan sets none. */
  limit: number | null;
}

/**
 * Whether `state` grants `feature`. The same check on the server (the guard) and in the browser (only the
 * interface). `null` or `undefined` (not loaded yet) grants nothing.
 */
export function has(state: Pick<BillingState, 'features'> | null | undefined, feature: string): boolean {
  return state?.features.includes(feature) ?? false;
}
