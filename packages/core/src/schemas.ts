/**
 * zod schemas for every request body. Objects are strict: an unknown field (a client `amount`, a `customer`,
 * a `role`) is an `invalid_request`, never silently dropped or merged. Kept out of the main entry so the
 * browser client does not ship zod.
 */
import { z } from 'zod';
import type { FieldsAction, IdAction } from './actions';
import { CATALOG_KEY_PATTERN } from './contract';
import type {
  CheckoutCreateRequest,
  PaymentIntentCreateRequest,
  PortalCreateRequest,
  RefundCreateRequest,
  SetupIntentCreateRequest,
  SubscriptionChangeRequest,
} from './wire';

/** The default largest quantity of one line item. */
export const MAX_QUANTITY = 99;
/** The most line items one checkout or payment may carry. */
export const MAX_ITEMS = 50;

/** A catalog key, or a Stripe price id when the catalog is a list. */
export const catalogKeySchema = z
  .string()
  .min(1)
  .max(100)
  .regex(CATALOG_KEY_PATTERN, 'must be a catalog key');

/**
 * A Stripe object id with the given prefix, e.g. `stripeId('pm')` matches `pm_1QabC…`. A client secret
 * (`pi_…_secret_…`) has an id's characters but is never an id: refused, so it is never sent on to Stripe.
 */
export function stripeIdSchema(...prefixes: [string, ...string[]]) {
  const pattern = new RegExp(`^(?:${prefixes.join('|')})_(?!.*_secret)(?!secret_)[A-Za-z0-9_]{1,250}$`);
  return z.string().regex(pattern, `must be a ${prefixes.join(' or ')}_ id (a client secret is not an id)`);
}

/** A relative redirect path as sent by the client; the server checks it again after URL parsing. */
export const redirectPathSchema = z.string().min(1).max(2048);

export const lineItemSchema = z.strictObject({
  price: catalogKeySchema,
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
});

const itemsSchema = z.array(lineItemSchema).min(1).max(MAX_ITEMS);

/** Line items allowing up to `maxQuantity` of each, for a server configured with another `maxQuantity`. */
export function lineItemsSchema(maxQuantity: number = MAX_QUANTITY) {
  const item = z.strictObject({
    price: catalogKeySchema,
    quantity: z.number().int().min(1).max(maxQuantity),
  });
  return z.array(item).min(1).max(MAX_ITEMS);
}

export const checkoutCreateSchema = z.strictObject({
  items: itemsSchema,
  mode: z.enum(['payment', 'subscription', 'setup']).optional(),
  uiMode: z.enum(['hosted', 'embedded']).optional(),
  successPath: redirectPathSchema.optional(),
  cancelPath: redirectPathSchema.optional(),
  shippingAddressCollection: z
    .strictObject({
      allowedCountries: z
        .array(z.string().regex(/^[A-Z]{2}$/))
        .min(1)
        .max(250),
    })
    .optional(),
  billingAddressCollection: z.enum(['auto', 'required']).optional(),
}) satisfies z.ZodType<CheckoutCreateRequest>;

export const paymentIntentCreateSchema = z.strictObject({
  items: itemsSchema,
  savePaymentMethod: z.boolean().optional(),
}) satisfies z.ZodType<PaymentIntentCreateRequest>;

export const setupIntentCreateSchema = z.strictObject({}) satisfies z.ZodType<SetupIntentCreateRequest>;

export const portalCreateSchema = z.strictObject({
  returnPath: redirectPathSchema.optional(),
}) satisfies z.ZodType<PortalCreateRequest>;

export const refundCreateSchema = z.strictObject({
  paymentIntent: stripeIdSchema('pi'),
  amount: z.number().int().min(1).max(99_999_999).optional(),
  reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
}) satisfies z.ZodType<RefundCreateRequest>;

/** A plan change: a catalog price and, for per-seat plans, the seats. */
export function subscriptionChangeSchema(maxQuantity: number = MAX_QUANTITY) {
  return z.strictObject({
    price: catalogKeySchema,
    quantity: z.number().int().min(1).max(maxQuantity).optional(),
  }) satisfies z.ZodType<SubscriptionChangeRequest>;
}

/** Bodies of routes that take none: only `{}` (or an empty body) is accepted, so any field is refused. */
export const emptyBodySchema = z.strictObject({});

/**
 * The schema of each action whose body has fields; every other route's body is `emptyBodySchema`. Keyed by
 * `FieldsAction`, so an action spec'd with `body: 'fields'` and no schema here fails to compile.
 */
export const ACTION_SCHEMAS = {
  'checkout.create': checkoutCreateSchema,
  'paymentIntent.create': paymentIntentCreateSchema,
  'portal.create': portalCreateSchema,
  'refunds.create': refundCreateSchema,
  'subscriptions.previewChange': subscriptionChangeSchema(),
  'subscriptions.change': subscriptionChangeSchema(),
} as const satisfies Record<FieldsAction, z.ZodType>;

/** Path id schema of each action that takes one. */
export const ACTION_ID_SCHEMAS = {
  'checkout.read': stripeIdSchema('cs'),
  'paymentMethods.detach': stripeIdSchema('pm', 'card', 'src'),
  'paymentMethods.setDefault': stripeIdSchema('pm', 'card', 'src'),
  'subscriptions.cancel': stripeIdSchema('sub'),
  'subscriptions.resume': stripeIdSchema('sub'),
  'subscriptions.previewChange': stripeIdSchema('sub'),
  'subscriptions.change': stripeIdSchema('sub'),
} as const satisfies Record<IdAction, z.ZodType<string>>;
