/**
 * One spec per action: the single source of its name, route and traits. `ACTIONS`, `ROUTES`,
 * `CREATING_ACTIONS`, the client's named methods and the route lists of the test suites are derived from it, so
 * a new action is one entry here (then the compiler names the wire types, schema and server action it needs).
 */

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/**
 * What a route's JSON body holds. `none`: a GET, no body. `empty`: a write whose body must be `{}` (or empty);
 * any field is refused. `fields`: a write whose body is validated by the action's schema.
 */
export type BodyKind = 'none' | 'empty' | 'fields';

export interface ActionSpec {
  method: HttpMethod;
  /** Path relative to `basePath`; `:id` marks the one path parameter. */
  path: string;
  /** The body the route takes. */
  body: BodyKind;
  /**
   * Creates Stripe objects: the Stripe call carries a key derived from the client's `Idempotency-Key`, the
   * action is rate limited by default, and an anonymous caller is given a session cookie.
   */
  creates: boolean;
  /** The name of the client's shorthand method for this action. */
  client: string;
}

export const ACTION_SPECS = {
  'catalog.read': { method: 'GET', path: '/catalog', body: 'none', creates: false, client: 'getCatalog' },
  'checkout.create': {
    method: 'POST',
    path: '/checkout',
    body: 'fields',
    creates: true,
    client: 'createCheckout',
  },
  'checkout.read': {
    method: 'GET',
    path: '/checkout/:id',
    body: 'none',
    creates: false,
    client: 'getCheckout',
  },
  'paymentIntent.create': {
    method: 'POST',
    path: '/payment-intents',
    body: 'fields',
    creates: true,
    client: 'createPaymentIntent',
  },
  'setupIntent.create': {
    method: 'POST',
    path: '/setup-intents',
    body: 'empty',
    creates: true,
    client: 'createSetupIntent',
  },
  'paymentMethods.list': {
    method: 'GET',
    path: '/payment-methods',
    body: 'none',
    creates: false,
    client: 'listPaymentMethods',
  },
  'paymentMethods.detach': {
    method: 'DELETE',
    path: '/payment-methods/:id',
    body: 'empty',
    creates: false,
    client: 'detachPaymentMethod',
  },
  'paymentMethods.setDefault': {
    method: 'POST',
    path: '/payment-methods/:id/default',
    body: 'empty',
    creates: false,
    client: 'setDefaultPaymentMethod',
  },
  'portal.create': {
    method: 'POST',
    path: '/portal',
    body: 'fields',
    creates: true,
    client: 'createPortalSession',
  },
  'subscriptions.list': {
    method: 'GET',
    path: '/subscriptions',
    body: 'none',
    creates: false,
    client: 'listSubscriptions',
  },
  'subscriptions.cancel': {
    method: 'POST',
    path: '/subscriptions/:id/cancel',
    body: 'empty',
    creates: false,
    client: 'cancelSubscription',
  },
  'subscriptions.resume': {
    method: 'POST',
    path: '/subscriptions/:id/resume',
    body: 'empty',
    creates: false,
    client: 'resumeSubscription',
  },
  'subscriptions.previewChange': {
    method: 'POST',
    path: '/subscriptions/:id/change/preview',
    body: 'fields',
    creates: false,
    client: 'previewSubscriptionChange',
  },
  'subscriptions.change': {
    method: 'POST',
    path: '/subscriptions/:id/change',
    body: 'fields',
    creates: false,
    client: 'changeSubscription',
  },
  'invoices.list': { method: 'GET', path: '/invoices', body: 'none', creates: false, client: 'listInvoices' },
  'refunds.create': {
    method: 'POST',
    path: '/refunds',
    body: 'fields',
    creates: true,
    client: 'createRefund',
  },
  'billing.read': { method: 'GET', path: '/billing', body: 'none', creates: false, client: 'getBilling' },
} as const satisfies Record<string, ActionSpec>;

type Specs = typeof ACTION_SPECS;

/** Every operation Tollbooth exposes, named as `authorize` sees it. */
export type ActionName = keyof Specs;

/** The spec of one action. */
export type SpecOf<A extends ActionName> = Specs[A];

/** Actions whose route has an `:id` path parameter (read from the path, not restated). */
export type IdAction = {
  [A in ActionName]: Specs[A]['path'] extends `${string}:id${string}` ? A : never;
}[ActionName];
/** Actions whose body is validated by a schema of their own. */
export type FieldsAction = { [A in ActionName]: Specs[A]['body'] extends 'fields' ? A : never }[ActionName];
/** Actions that create Stripe objects. */
export type CreatingAction = { [A in ActionName]: Specs[A]['creates'] extends true ? A : never }[ActionName];

export interface RouteSpec {
  method: HttpMethod;
  /** Path relative to `basePath`; `:id` marks the one path parameter. */
  path: string;
}

/** Every action name, in the spec's order. */
// `@__PURE__` lets a bundle that needs no table (a lone checkout button's `request`) drop the derivations.
export const ACTIONS = /* @__PURE__ */ Object.keys(ACTION_SPECS) as readonly ActionName[];

/** The actions whose spec passes `test`; `T` names that subset for the compiler (the spec types derive it). */
const where = <T extends ActionName = ActionName>(test: (spec: ActionSpec) => boolean): readonly T[] =>
  ACTIONS.filter((a): a is T => test(ACTION_SPECS[a]));

function deriveRoutes() {
  return Object.fromEntries(
    ACTIONS.map((a) => [a, { method: ACTION_SPECS[a].method, path: ACTION_SPECS[a].path }]),
  );
}

/** The route of each action, relative to the server's `basePath`. */
export const ROUTES = /* @__PURE__ */ deriveRoutes() as {
  readonly [A in ActionName]: { readonly method: Specs[A]['method']; readonly path: Specs[A]['path'] };
};

/** Actions that create Stripe objects: they take an `Idempotency-Key` and are rate limited by default. */
export const CREATING_ACTIONS = /* @__PURE__ */ where<CreatingAction>((s) => s.creates);
/** Actions with a `:id` in the path. */
export const ID_ACTIONS = /* @__PURE__ */ where<IdAction>((s) => s.path.includes(':id'));
/** Write actions whose body must be `{}`: an unknown field is refused like on any other route. */
export const EMPTY_BODY_ACTIONS = /* @__PURE__ */ where((s) => s.body === 'empty');
/** Actions whose body carries fields, validated by the action's schema. */
export const FIELDS_ACTIONS = /* @__PURE__ */ where<FieldsAction>((s) => s.body === 'fields');

/** The webhook route, relative to `basePath`. It is not an action: Stripe's signature is its authorization. */
export const WEBHOOK_PATH = '/webhooks';

/** Where the catch-all route is mounted unless configured otherwise, on the server and in the client. */
export const DEFAULT_BASE_PATH = '/api/tollbooth';
