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

/**
 * Who pays: the user themselves, or an organisation the user acts for. One Stripe customer per owner; every
 * self-service action and `billing()` act on the owner's customer.
 */
export interface BillingOwner {
  type: 'user' | 'organization';
  /** The app's id of the user or organisation (1–200 characters). */
  id: string;
  /**
   * The caller's role in the organisation (`billing_admin`, `member`, …), as the app's membership records say;
   * `rbac` matches it as `org:<role>`. Not used for a `user` owner.
   */
  role?: string;
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

/**
 * What `authorize` sees for `refunds.create`: the PaymentIntent with its `latest_charge` expanded, so what was
 * already refunded (`latest_charge.amount_refunded`) is part of the decision. `latest_charge` is `null` only for a
 * PaymentIntent that was never charged. Refunds of one PaymentIntent are serialised, so this figure is current:
 * a policy capping the total (`already + (input.amount ?? remaining) <= cap`) cannot be raced past.
 */
export type RefundResource = Omit<Stripe.PaymentIntent, 'latest_charge'> & {
  latest_charge: Stripe.Charge | null;
};

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
  'refunds.create': RefundResource;
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
   * Whose billing the action acts on, as `billingOwner` resolved it on the server from the app's session (never
   * from the request's fields); `null` when nobody is signed in.
   */
  owner: BillingOwner | null;
  /**
   * The billing owner's state (`tollbooth.billing(owner)`), loaded on the first call and shared after, so a
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
export interface AuthorizeFn {
  (user: TollboothUser | null, action: ActionName, context: AnyAuthorizeContext): boolean | Promise<boolean>;
  /**
   * Optional: whether this policy could grant `action` to `user`, acting for billing `owner` (what `billingOwner`
   * resolved; `null` when signed out), for ANY resource. Only a literal `true` means
   * "maybe"; anything else lets the server refuse (401/403) before it validates or loads anything, so a caller who
   * can never pass causes no Stripe call. It must never say `false` where `authorize` might say `true`. `rbac()`
   * provides it (none of the caller's roles names the action); without it, `authorize` decides as always.
   */
  canGrant?: (
    user: TollboothUser | null,
    action: ActionName,
    owner?: BillingOwner | null,
  ) => boolean | Promise<boolean>;
}

/** Maps billing owners (users or organisations) to Stripe customers. */
export interface CustomerMapping {
  find(owner: BillingOwner): Promise<string | null>;
  save(owner: BillingOwner, customerId: string): Promise<void>;
}

export interface SetOptions {
  /** Expire the key after this many seconds. */
  ttlSeconds?: number;
  /** Only set when the key does not exist (atomic). */
  ifAbsent?: boolean;
  /**
   * The record cannot be rebuilt from Stripe (a webhook claim or done marker): a store that evicts for space
   * must not let other traffic push it out; it only ends with its TTL. The memory store keeps these in their own
   * bounded tier (`maxDurableKeys`); a Redis store keeps every key until its TTL (run Redis with `noeviction`
   * or a `volatile-*` policy that prefers short TTLs). @default false
   */
  durable?: boolean;
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
    options?: Pick<SetOptions, 'ttlSeconds' | 'durable'>,
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
  /**
   * The Stripe client the app constructs, or a function returning it, called once at the first request so
   * that `next build` imports the route without `STRIPE_SECRET_KEY`. The kit never reads the environment.
   */
  stripe: Stripe | (() => Stripe);
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
  /**
   * Whose billing a signed-in user acts on: return the organisation the app's session has active (with the
   * user's `role` in it), or `null` for the user's own billing. Read it from the app's own session, never from
   * a header, field or query the client sets: that is what keeps one organisation's billing from another's.
   * A throw answers 500. @default the user themselves
   */
  billingOwner?: (
    user: TollboothUser,
    request: Request,
  ) => BillingOwner | null | undefined | Promise<BillingOwner | null | undefined>;
  /** Maps billing owners to Stripe customers. @default Stripe's customer metadata, cached in `store` */
  customers?: CustomerMapping;
  /**
   * The site's public origins: the only `Origin` values writes are accepted from and the only origins redirects
   * land on. `Host` and `X-Forwarded-Host` never add one; they only pick among these. Required in production
   * (`NODE_ENV=production`): without it every request answers 500 and the log says why.
   * @default none: in development, the loopback origin the request came to (`http://localhost:3000`)
   */
  origins?: readonly string[];
  /** Stripe webhooks; the `/webhooks` route answers 404 when left out. */
  webhooks?: WebhookConfig;
  /** Where claims, the customer map, price cache and rate limits live. @default memoryStore() */
  store?: KeyValueStore;
  /** Receives one entry per action request. Errors it throws are logged and ignored. */
  onAudit?: (entry: AuditEntry) => void | Promise<void>;
  /**
   * Per-action limits, per user (or client address when anonymous), and `anonymous`: a ceiling on all anonymous
   * creations together, which no address rotation escapes. Merged over the defaults; `false` disables them all.
   * @default 20 per 60 s for each action that creates Stripe objects, 60 per 60 s for each route that reads from
   * Stripe on every request, and `anonymous: { limit: 100, windowSeconds: 60 }`
   */
  rateLimit?: false | Partial<Record<ActionName | 'anonymous', RateLimitRule | false>>;
  /** Actions to turn off: their routes answer 404. With checkout and payment intents off, the catalog may be empty. @default [] */
  disabledActions?: readonly ActionName[];
  /** The largest quantity of one line item. @default 99 */
  maxQuantity?: number;
  /** How long `authorize` may take before it counts as a denial. @default 5000 */
  authorizeTimeoutMs?: number;
  /**
   * Who may tell the client's address, for anonymous rate limits. `x-forwarded-for` is written by whoever sends the
   * request, so it is read only when you name the proxies in front of the app: a number of hops (`1`: the last
   * entry, the one your one proxy appended; `2` behind a CDN and a load balancer …), or a function returning the
   * address from a header only your platform sets. IPv6 addresses count per /64. Without it every anonymous
   * caller shares one budget (safe, but strict): set it in production behind a proxy.
   * @default false
   */
  trustProxy?: false | number | ((request: Request) => string | null | undefined);
  /** The clock, in milliseconds since the epoch. @default Date.now */
  now?: () => number;
  /** Where warnings and errors go. @default console */
  logger?: TollboothLogger;
  /** How long price objects stay cached in `store`. @default 300 */
  priceCacheSeconds?: number;
  /**
   * Signs the anonymous session cookie (HMAC-SHA-256), so a cookie this server did not hand out is no session. At
   * least 32 characters, the same on every instance; a list while rotating (the first signs, all verify).
   * @default derived from `webhooks.secret`; without webhooks, random per process (guest sessions then end on a
   * restart and do not span instances)
   */
  sessionSecret?: string | readonly string[];
}

/** What `createTollbooth` returns. */
export interface Tollbooth<K extends string = string, P extends string = string> {
  handle(request: Request): Promise<Response>;
  readonly basePath: string;
  /**
   * What `who` (a user, or a `BillingOwner` such as an organisation) has paid for: the stored record of its customer, read from Stripe when the store has none.
   * For Server Components and your own routes; this is the guard (`has(state, 'export')`).
   */
  billing(who: TollboothUser | BillingOwner): Promise<BillingState<P, K>>;
  /**
   * Sets the seats of the owner's plan subscription to `quantity` (call it from your membership code when
   * members join or leave), prorated and invoiced at once. Idempotent; parallel calls end at the quantity of the
   * one called last; refused (409 `conflict`) past the plan's `limits.seats`. Without a subscription only the
   * seats used are recorded.
   */
  setSeats(owner: BillingOwner, quantity: number): Promise<BillingState<P, K>>;
  /** Re-reads the customer's subscriptions from Stripe and stores the record; webhooks and Checkout's return call it. */
  sync(customerId: string): Promise<BillingState<P, K>>;
  /** Type-only: carries the catalog and plan keys to `createClient<typeof tollbooth>()`. Always `undefined` at runtime. */
  readonly $types?: TollboothTypes<K, P>;
}
