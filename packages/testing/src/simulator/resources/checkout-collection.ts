import type Stripe from 'stripe';
import type { Engine } from '../engine';
import { invalidRequest, SimulatorError } from '../errors';
import type { FormParams } from '../form';
import { arr, obj, oneOf } from '../params';
import type { SimCheckoutSession, SimPaymentMethod } from '../types';

type Session = Stripe.Checkout.Session;
type Redisplay = Stripe.PaymentMethod.AllowRedisplay;
const REDISPLAY: readonly Redisplay[] = ['always', 'limited', 'unspecified'];

/** An address as the buyer types it on the hosted page (Stripe's field names). */
export interface CheckoutAddress {
  line1: string;
  line2?: string;
  city?: string;
  state?: string;
  postal_code?: string;
  /** Two-letter country code. */
  country: string;
}

/** What the buyer gives besides the card: where it ships and, when asked, the billing address. */
export interface CheckoutDetailsInput {
  /** Required when the session collects a shipping address. @default none */
  shipping?: { name: string; address: CheckoutAddress };
  /** Required when the session has `billing_address_collection: 'required'`. @default none */
  billingAddress?: CheckoutAddress;
  /** The name on the billing address. @default the shipping name */
  name?: string;
}

/** A mistake on the page: Checkout keeps the buyer on it with the message (a 400, not a decline). */
const pageError = (message: string, param: string) =>
  new SimulatorError(400, { type: 'invalid_request_error', message, param });

/** The create request's address and saved-card settings, as Stripe returns them on the session. */
export function collectionSettings(
  params: FormParams,
  mode: string,
  customer: string | undefined,
): Pick<
  Session,
  'shipping_address_collection' | 'billing_address_collection' | 'saved_payment_method_options'
> {
  const shipping = obj(params, 'shipping_address_collection');
  let countries: Stripe.Checkout.Session.ShippingAddressCollection.AllowedCountry[] | null = null;
  if (shipping) {
    if (mode === 'setup') {
      throw invalidRequest(
        '`shipping_address_collection` cannot be used in `setup` mode.',
        'shipping_address_collection',
      );
    }
    const list = arr(shipping, 'allowed_countries') ?? [];
    if (list.length === 0)
      throw invalidRequest('Missing required param: allowed_countries.', 'allowed_countries');
    countries = list.map((code, i) => {
      if (typeof code !== 'string' || !/^[A-Z]{2}$/.test(code)) {
        throw invalidRequest(
          `Invalid shipping_address_collection[allowed_countries][${i}]: must be a two-letter country code`,
          `shipping_address_collection[allowed_countries][${i}]`,
        );
      }
      return code as Stripe.Checkout.Session.ShippingAddressCollection.AllowedCountry;
    });
  }
  const saved = obj(params, 'saved_payment_method_options');
  const filters = saved ? (arr(saved, 'allow_redisplay_filters') as Redisplay[] | undefined) : undefined;
  filters?.forEach((value, i) => {
    if (!REDISPLAY.includes(value)) {
      throw invalidRequest(
        `Invalid saved_payment_method_options[allow_redisplay_filters][${i}]`,
        'allow_redisplay_filters',
      );
    }
  });
  return {
    shipping_address_collection: countries ? { allowed_countries: countries } : null,
    billing_address_collection: oneOf(params, 'billing_address_collection', ['auto', 'required']) ?? null,
    // A returning customer is shown their saved cards; Stripe's default shows only those saved with consent.
    saved_payment_method_options: customer
      ? {
          allow_redisplay_filters: filters ?? ['always'],
          payment_method_remove: null,
          payment_method_save: null,
        }
      : null,
  };
}

/** The customer's saved cards this session offers: default first, then newest (none in setup mode). */
export function savedCardsFor(engine: Engine, session: SimCheckoutSession): SimPaymentMethod[] {
  const customerId = typeof session.customer === 'string' ? session.customer : session.customer?.id;
  if (!customerId || session.mode === 'setup') return [];
  const filters = session.saved_payment_method_options?.allow_redisplay_filters ?? ['always'];
  const preferred = engine.find('customer', customerId)?.invoice_settings.default_payment_method;
  return engine
    .all(
      'payment_method',
      (pm) =>
        pm.customer === customerId &&
        pm.type === 'card' &&
        filters.includes(pm.allow_redisplay ?? 'unspecified'),
    )
    .sort((a, b) => Number(b.id === preferred) - Number(a.id === preferred) || b.created - a.created);
}

/** A saved card the buyer picked: only one the page offered. */
export function pickSavedCard(engine: Engine, session: SimCheckoutSession, id: string): SimPaymentMethod {
  const found = savedCardsFor(engine, session).find((pm) => pm.id === id);
  if (!found)
    throw pageError(
      'This saved card cannot be used here. Choose another or enter a new card.',
      'payment_method',
    );
  return found;
}

const toAddress = (a: CheckoutAddress): Stripe.Address => ({
  line1: a.line1,
  line2: a.line2 || null,
  city: a.city || null,
  state: a.state || null,
  postal_code: a.postal_code || null,
  country: a.country,
});

function checkAddress(a: CheckoutAddress | undefined, what: string, param: string): CheckoutAddress {
  if (!a?.line1?.trim() || !a.country?.trim()) throw pageError(`Enter your ${what}.`, param);
  return a;
}

/**
 * Checks what the session asked for and returns what the completed session carries: the shipping details (in
 * `collected_information`, as Stripe has since 2025) and the billing address and name for `customer_details`.
 */
export function collectedDetails(session: SimCheckoutSession, input: CheckoutDetailsInput) {
  let shipping: Stripe.Checkout.Session.CollectedInformation.ShippingDetails | null = null;
  const allowed = session.shipping_address_collection?.allowed_countries;
  if (allowed) {
    const given = checkAddress(input.shipping?.address, 'shipping address', 'shipping');
    if (!input.shipping?.name.trim()) throw pageError('Enter the name to ship to.', 'shipping[name]');
    if (!allowed.includes(given.country as (typeof allowed)[number])) {
      throw pageError(`We cannot ship to ${given.country}.`, 'shipping[address][country]');
    }
    shipping = { name: input.shipping.name.trim(), address: toAddress(given) };
  }
  const billing =
    session.billing_address_collection === 'required'
      ? toAddress(checkAddress(input.billingAddress, 'billing address', 'billing_address'))
      : null;
  return {
    collected_information: shipping
      ? { business_name: null, individual_name: null, shipping_details: shipping }
      : null,
    address: billing,
    name: input.name?.trim() || shipping?.name || null,
  };
}
