import type { ActionName, SpecOf } from '@tollbooth/core';
import type Stripe from 'stripe';
import type { ResolvedPlans } from '../billing/plans';
import type {
  AuthorizeFn,
  BillingOwner,
  CheckoutOptions,
  CustomerMapping,
  KeyValueStore,
  RateLimitRule,
  TollboothConfig,
  TollboothLogger,
  TollboothUser,
  WebhookHandlers,
} from '../types';
import type { SessionSigner } from './session';

/** The config after startup checks and defaults: what every action reads. */
export interface Runtime {
  stripe: Stripe;
  /** Scopes customer metadata, derived idempotency keys and (through `store`) every store key. */
  appId: string;
  plans: ResolvedPlans;
  checkout: Required<CheckoutOptions>;
  basePath: string;
  getUser: TollboothConfig['getUser'];
  authorize: AuthorizeFn;
  /** Catalog key → Stripe price id. */
  prices: ReadonlyMap<string, string>;
  /** Stripe price id → catalog key. */
  keysByPrice: ReadonlyMap<string, string>;
  customers: CustomerMapping;
  /** The app's `billingOwner`; `undefined`: every user is their own owner. */
  billingOwner: TollboothConfig['billingOwner'];
  origins: ReadonlySet<string>;
  webhook: { secrets: readonly string[]; on: WebhookHandlers; leaseSeconds: number } | null;
  /** The configured store seen through this app's key space (`appStore`). */
  store: KeyValueStore;
  onAudit: TollboothConfig['onAudit'];
  /** Per-action rules, and `anonymous`: the ceiling on all anonymous creations together. */
  rateLimits: Partial<Record<ActionName | 'anonymous', RateLimitRule>>;
  disabled: ReadonlySet<ActionName>;
  maxQuantity: number;
  authorizeTimeoutMs: number;
  /** The caller's address as the named proxy reports it (IPv6 as its /64), or null when no proxy is named. */
  getClientAddress: (request: Request) => string | null;
  now: () => number;
  logger: TollboothLogger;
  priceCacheSeconds: number;
  /** Signs and verifies the anonymous session cookie. */
  sessions: SessionSigner;
}

/** The verified `Origin` of a write (the CSRF step checked it); a GET has none. */
export type OriginOf<A extends ActionName> = SpecOf<A>['method'] extends 'GET' ? null : string;

/** What an action's `load` and `run` get: the request, the caller, and helpers bound to both. */
export interface ActionContext<A extends ActionName = ActionName> {
  rt: Runtime;
  request: Request;
  requestId: string;
  /** The action being served, so shared loaders need not be told which one. */
  action: A;
  user: TollboothUser | null;
  /**
   * `user:<id>`, `organization:<id>` (the billing owner's key) or `anon:<session id>`: who owns idempotency keys,
   * locks and anonymous sessions.
   */
  owner: string;
  /** Whose billing self-service acts on, resolved by `billingOwner` on the server; `null` when anonymous. */
  billingOwner: BillingOwner | null;
  /** The decoded `:id` path parameter, when the route has one. */
  id: string | undefined;
  /** The request's `Origin`, already checked against the allowed origins; redirects are built on it. */
  origin: OriginOf<A>;
  /** The Stripe idempotency key for a create call on `resource`. */
  idempotencyKey(resource: string): Promise<string>;
  /** Records the id of a created object for the audit entry. */
  setResourceId(id: string | null): void;
}
