import type { ActionName, ActionTypes, BillingState, TollboothTypes } from '@tollbooth/core';
import type Stripe from 'stripe';
import type { PlansConfig } from './billing/plans';
import type { PlanChange } from './plan-changes/target';

/** The signed-in user as the app's `getUser` returns it; `null` means anonymous. */
export interface TollboothUser {
  id: string;
  email?: string | null;
  roles?: readonly string[];
}

/** A priced order: what the server computed from Stripe's price objects for the items the client named. */
export interface PricedOrder {
  items: Array<{ key: string; price: string; quantity: number; unitAmount: number; recurring: boolean }>;
  /** Sum of unit amount × quantity, in the currency's smallest unit. */
  amount: number;
  currency: string;
}

/** The caller's own Stripe customer, for self-service actions that act on no single object. */
export interface CustomerResource {
  /** `null` when the user has no Stripe customer yet. */
  customer: string | null;
}

/** The object each action acts on, loaded by the server before `authorize` runs. */
export interface ActionResources {
  'catalog.read': null;
  'checkout.create': PricedOrder;
  'checkout.read': Stripe.Checkout.Session;
  'paymentIntent.create': PricedOrder;
  'setupIntent.create': CustomerResource;
  'paymentMethods.list': CustomerResource;
  'paymentMethods.detach': Stripe.PaymentMethod;
  'paymentMethods.setDefault': Stripe.PaymentMethod;
  'portal.create': CustomerResource;
  'subscriptions.list': CustomerResource;
  'subscriptions.cancel': Stripe.Subscription;
  'subscriptions.resume': Stripe.Subscription;
  'subscriptions.previewChange': PlanChange;
  'subscriptions.change': PlanChange;
  'invoices.list': CustomerResource;
  'refunds.create': Stripe.PaymentIntent;
  'billing.read': CustomerResource;
}

/** What `authorize` is given besides the user and the action. */
export interface AuthorizeContext<A extends ActionName = ActionName> {
  /** The action again, so that checking `context.action` narrows `input` and `resource`. */
  action: A;
  request: Request;
  /** The validated body (`undefined` for routes without one). */
  input: ActionTypes[A]['input'];
  /** The object the action will act on, loaded by the server (see `ActionResources`). */
  resource: ActionResources[A];
  /**
   * The caller's billing state (`tollbooth.billing(user)`), loaded on the first call and shared after, so a
   * policy can say "only pro may do this": `(await context.billing()).plan === 'pro'`. Without a user: status
   * `none` on the default plan. A failure to load it denies.
   */
  billing(): Promise<BillingState>;
}

/** The context of any action: a union discriminated by `action`. */
export type AnyAuthorizeContext = { [A in ActionName]: AuthorizeContext<A> }[ActionName];

/**
 * Decides whether `user` may run `action` on `context.resource`. Only a literal `true` grants; anything else,
 * a throw or a timeout denies. Narrow with `context.action === '…'` to get that action's `input` and `resource`.
 */
export type AuthorizeFn = (
  user: TollboothUser | null,
  action: ActionName,
  context: AnyAuthorizeContext,
) => boolean | Promise<boolean>;

/** Maps app users to Stripe customers. */
export interface CustomerMapping {
  find(user: TollboothUser): Promise<string | null>;
  save(user: TollboothUser, customerId: string): Promise<void>;
}

export interface SetOptions {
  /** Expire the key after this many seconds. */
  ttlSeconds?: number;
  /** Only set when the key does not exist (atomic). */
  ifAbsent?: boolean;
}

/** The storage Tollbooth needs: webhook claims, the customer map, the price cache and rate limits. */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  /** Returns whether the value was written (`false` when `ifAbsent` and the key exists). */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Adds one and returns the new value; the TTL is set when the key is created. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  /**
   * Writes `value` only while the key still holds `expected` (atomic); returns whether it wrote. Webhook leases
   * and billing records use it so a slower writer can never overwrite a newer one.
   */
  compareAndSet(
    key: string,
    expected: string,
    value: string,
    options?: { ttlSeconds?: number },
  ): Promise<boolean>;
  /** Deletes the key only while it still holds `expected` (atomic); returns whether it deleted. */
  compareAndDelete(key: string, expected: string): Promise<boolean>;
}

/** One audit record per action request. Never carries a secret, a client secret or card data. */
export interface AuditEntry {
  /** ISO 8601 time. */
  at: string;
  requestId: string;
  userId: string | null;
  action: ActionName;
  /** The id of the object acted on (a path id, a PaymentIntent, a created object), when there is one. */
  resourceId: string | null;
  decision: 'allow' | 'deny';
  /** `'ok'` or the error code that ended the request. */
  outcome: string;
  status: number;
}

/** Log lines. Tollbooth never passes a secret, a request body or an error object to it. */
export interface TollboothLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** A list of price ids, or a record of catalog keys to price ids. */
export type CatalogPrices = readonly string[] | Readonly<Record<string, string>>;

/** The catalog key union of a `CatalogPrices` value. */
export type CatalogKey<C extends CatalogPrices> = C extends readonly (infer K)[]
  ? K extends string
    ? K
    : string
  : keyof C & string;

/** A handler for one event type; it gets the verified event. */
export type WebhookHandlers = {
  [T in Stripe.Event['type']]?: (event: Extract<Stripe.Event, { type: T }>) => void | Promise<void>;
};

export interface WebhookConfig {
  /**
   * One `whsec_…` secret, or several while rotating. `undefined` is accepted by the type so
   * `process.env.STRIPE_WEBHOOK_SECRET` can be passed as is; it is then a startup error, never an open door.
   */
  secret: string | readonly string[] | undefined;
  /** Handlers by event type; other types are acknowledged with 200 and ignored. */
  on: WebhookHandlers;
  /**
   * How long one delivery holds its event while the handler runs; a duplicate meanwhile answers 409 (Stripe
   * retries it later), and a crashed run's hold lapses after this. Set it above your slowest handler. @default 60
   */
  leaseSeconds?: number;
}

/** Options of the Checkout Sessions `checkout.create` makes, and of plan-change previews. */
export interface CheckoutOptions {
  /** Checkout shows a promotion code field (`allow_promotion_codes`). @default false */
  allowPromotionCodes?: boolean;
  /**
   * Stripe Tax computes tax in Checkout and in plan-change previews (`automatic_tax`); Checkout collects the
   * address it needs. Needs Stripe Tax set up on the account. @default false
   */
  automaticTax?: boolean;
}

export interface TollboothConfig<
  C extends CatalogPrices = CatalogPrices,
  P extends PlansConfig<CatalogKey<C>> = PlansConfig<CatalogKey<C>>,
> {
  /** The Stripe client the app constructs; the kit never reads the environment. */
  stripe: Stripe;
  /**
   * Names this app in customer metadata (`tollbooth_app`), derived idempotency keys and store keys, so apps
   * sharing one Stripe account or one Redis never share a customer, a key or a webhook lease. @default 'default'
   */
  appId?: string;
  /** What each plan grants and which catalog prices subscribe to it (see `BillingState`). @default {} */
  plans?: P;
  /** Promotion codes and automatic tax in Checkout; both off unless turned on. @default {} */
  checkout?: CheckoutOptions;
  /** Where the catch-all route is mounted. @default '/api/tollbooth' */
  basePath?: string;
  /** Returns the signed-in user for a request, or `null`. */
  getUser: (request: Request) => TollboothUser | null | Promise<TollboothUser | null>;
  /** The one authorization hook in front of every action. Deny by default. */
  authorize: AuthorizeFn;
  /** The only prices anyone can buy. */
  catalog: { prices: C };
  /** Maps users to Stripe customers. @default kept in `store` */
  customers?: CustomerMapping;
  /** Allowed `Origin` values and redirect origins. @default the request's own origin only */
  origins?: readonly string[];
  /** Stripe webhooks; the `/webhooks` route answers 404 when left out. */
  webhooks?: WebhookConfig;
  /** Where claims, the customer map, price cache and rate limits live. @default memoryStore() */
  store?: KeyValueStore;
  /** Receives one entry per action request. Errors it throws are logged and ignored. */
  onAudit?: (entry: AuditEntry) => void | Promise<void>;
  /**
   * Per-action limits, per user (or client address when anonymous); `false` disables all of them.
   * @default 20 per 60 s for each action that creates Stripe objects, none for the others
   */
  rateLimit?: false | Partial<Record<ActionName, RateLimitRule | false>>;
  /** Actions to turn off: their routes answer 404. With checkout and payment intents off, the catalog may be empty. @default [] */
  disabledActions?: readonly ActionName[];
  /** The largest quantity of one line item. @default 99 */
  maxQuantity?: number;
  /** How long `authorize` may take before it counts as a denial. @default 5000 */
  authorizeTimeoutMs?: number;
  /**
   * The client address used for anonymous rate limits.
   * @default the last `x-forwarded-for` entry (the one your proxy appended), else `x-real-ip`, else 'unknown'
   */
  getClientAddress?: (request: Request) => string | null;
  /** The clock, in milliseconds since the epoch. @default Date.now */
  now?: () => number;
  /** Where warnings and errors go. @default console */
  logger?: TollboothLogger;
  /** How long price objects stay cached in `store`. @default 300 */
  priceCacheSeconds?: number;
}

/** What `createTollbooth` returns. */
export interface Tollbooth<K extends string = string, P extends string = string> {
  handle(request: Request): Promise<Response>;
  readonly basePath: string;
  /**
   * What `user` has paid for: the stored record of their customer, read from Stripe when the store has none.
   * For Server Components and your own routes; this is the guard (`has(state, 'export')`).
   */
  billing(user: TollboothUser): Promise<BillingState<P, K>>;
  /** Re-reads the customer's subscriptions from Stripe and stores the record; webhooks and Checkout's return call it. */
  sync(customerId: string): Promise<BillingState<P, K>>;
  /** Type-only: carries the catalog and plan keys to `createClient<typeof tollbooth>()`. Always `undefined` at runtime. */
  readonly $types?: TollboothTypes<K, P>;
}
