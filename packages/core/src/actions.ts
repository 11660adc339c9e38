/** Every operation Tollbooth exposes, named as `authorize` sees it. */
export const ACTIONS = [
  'catalog.read',
  'checkout.create',
  'checkout.read',
  'paymentIntent.create',
  'setupIntent.create',
  'paymentMethods.list',
  'paymentMethods.detach',
  'paymentMethods.setDefault',
  'portal.create',
  'subscriptions.list',
  'subscriptions.cancel',
  'subscriptions.resume',
  'invoices.list',
  'refunds.create',
] as const;

export type ActionName = (typeof ACTIONS)[number];

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface RouteSpec {
  method: HttpMethod;
  /** Path relative to `basePath`; `:id` marks the one path parameter. */
  path: string;
}

/** The route of each action, relative to the server's `basePath`. */
export const ROUTES = {
  'catalog.read': { method: 'GET', path: '/catalog' },
  'checkout.create': { method: 'POST', path: '/checkout' },
  'checkout.read': { method: 'GET', path: '/checkout/:id' },
  'paymentIntent.create': { method: 'POST', path: '/payment-intents' },
  'setupIntent.create': { method: 'POST', path: '/setup-intents' },
  'paymentMethods.list': { method: 'GET', path: '/payment-methods' },
  'paymentMethods.detach': { method: 'DELETE', path: '/payment-methods/:id' },
  'paymentMethods.setDefault': { method: 'POST', path: '/payment-methods/:id/default' },
  'portal.create': { method: 'POST', path: '/portal' },
  'subscriptions.list': { method: 'GET', path: '/subscriptions' },
  'subscriptions.cancel': { method: 'POST', path: '/subscriptions/:id/cancel' },
  'subscriptions.resume': { method: 'POST', path: '/subscriptions/:id/resume' },
  'invoices.list': { method: 'GET', path: '/invoices' },
  'refunds.create': { method: 'POST', path: '/refunds' },
} as const satisfies Record<ActionName, RouteSpec>;

/** The webhook route, relative to `basePath`. It is not an action: Stripe's signature is its authorization. */
export const WEBHOOK_PATH = '/webhooks';

/** Actions that create Stripe objects: they take an `Idempotency-Key` and are rate limited by default. */
export const CREATING_ACTIONS = [
  'checkout.create',
  'paymentIntent.create',
  'setupIntent.create',
  'portal.create',
  'refunds.create',
] as const satisfies readonly ActionName[];
