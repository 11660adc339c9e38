import type { ActionName } from '@tollbooth/core';
import type Stripe from 'stripe';
import type { ResolvedPlans } from '../billing/plans';
import type {
  AuthorizeFn,
  CustomerMapping,
  KeyValueStore,
  RateLimitRule,
  TollboothConfig,
  TollboothLogger,
  TollboothUser,
  WebhookHandlers,
} from '../types';

/** The config after startup checks and defaults: what every action reads. */
export interface Runtime {
  stripe: Stripe;
  /** Scopes customer metadata, derived idempotency keys and (through `store`) every store key. */
  appId: string;
  plans: ResolvedPlans;
  basePath: string;
  getUser: TollboothConfig['getUser'];
  authorize: AuthorizeFn;
  /** Catalog key → Stripe price id. */
  prices: ReadonlyMap<string, string>;
  /** Stripe price id → catalog key. */
  keysByPrice: ReadonlyMap<string, string>;
  customers: CustomerMapping;
  origins: ReadonlySet<string>;
  webhook: { secrets: readonly string[]; on: WebhookHandlers; leaseSeconds: number } | null;
  /** The configured store seen through this app's key space (`appStore`). */
  store: KeyValueStore;
  onAudit: TollboothConfig['onAudit'];
  rateLimits: Partial<Record<ActionName, RateLimitRule>>;
  disabled: ReadonlySet<ActionName>;
  maxQuantity: number;
  authorizeTimeoutMs: number;
  getClientAddress: (request: Request) => string | null;
  now: () => number;
  logger: TollboothLogger;
  priceCacheSeconds: number;
}

/** What an action gets: the request, the caller, and helpers bound to both. */
export interface ActionContext {
  rt: Runtime;
  request: Request;
  requestId: string;
  action: ActionName;
  user: TollboothUser | null;
  /** `user:<id>` or `anon:<session id>`: who owns idempotency keys. */
  owner: string;
  /** The parsed JSON body (`{}` for routes without one); actions validate it. */
  body: Record<string, unknown>;
  /** The decoded `:id` path parameter, when the route has one. */
  id: string | undefined;
  /** The `Idempotency-Key` header, checked for shape. */
  clientKey: string | null;
  /** Asks `authorize`; throws 401/403 unless it returned literal `true`. */
  authorize(input: unknown, resource: unknown, resourceId?: string | null): Promise<void>;
  /** The Stripe idempotency key for a create call on `resource`. */
  idempotencyKey(resource: string): Promise<string>;
  /** Records the id of a created object for the audit entry. */
  setResourceId(id: string | null): void;
}
