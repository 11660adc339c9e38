/**
 * Values that are public contract beyond the wire types: code outside this package (webhook handlers, the
 * React components) depends on them, so they live in one place.
 */

/**
 * What a catalog key may look like: a key of `catalog.prices`, or a Stripe price id when the catalog is a list.
 * A plain pattern (not only the zod schema) so the server's startup check needs no validator loaded.
 */
export const CATALOG_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/;

/**
 * Metadata keys the server writes on the Stripe objects it creates. A webhook handler reads them to tell whose
 * object it is (`userId`), which guest session made a Checkout Session (`session`, a hash, never the cookie)
 * and what a PaymentIntent sold (`items`, `key x quantity` pairs).
 */
export const METADATA_KEYS = {
  userId: 'tollbooth_user_id',
  session: 'tollbooth_session',
  items: 'tollbooth_items',
  /** On customers: the `appId` that made it, so apps sharing a Stripe account never share a customer. */
  app: 'tollbooth_app',
  /** On customers: whose it is (`user:<id>` or `organization:<id>`), what the default mapping searches for. */
  owner: 'tollbooth_owner',
} as const;

/**
 * Decline codes that must not be explained to the card holder. Stripe asks that `fraudulent`, `lost_card`,
 * `stolen_card` and `merchant_blacklist` be shown as a generic decline; `pickup_card`, `restricted_card`,
 * `security_violation` and `do_not_honor` may mean a card reported lost or stolen, so they are treated alike.
 * The server and the components both read this list.
 */
export const FRAUD_DECLINE_CODES = [
  'fraudulent',
  'lost_card',
  'stolen_card',
  'merchant_blacklist',
  'pickup_card',
  'restricted_card',
  'security_violation',
  'do_not_honor',
] as const;

/** True when `code` (a decline code or an error code) is one of `FRAUD_DECLINE_CODES`. */
export function isFraudDecline(code: string | null | undefined): boolean {
  return typeof code === 'string' && (FRAUD_DECLINE_CODES as readonly string[]).includes(code);
}
