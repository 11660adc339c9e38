import type Stripe from 'stripe';
import { customerIdOf } from '../_internal/customers';

/** Event families that can change what a customer has paid for (DESIGN: subscription, checkout, invoice, customer). */
const BILLING_EVENT = /^(customer\.|checkout\.session\.|invoice\.)/;

/**
 * The customer whose billing state an event may have changed, or `null` when it changes none. The event's
 * data is only a hint of *who*: what they have is read from Stripe again, never taken from the event.
 */
export function billingCustomerOf(event: Stripe.Event): string | null {
  if (!BILLING_EVENT.test(event.type)) return null;
  const object = event.data?.object as { object?: unknown; id?: unknown; customer?: unknown } | undefined;
  if (!object || typeof object !== 'object') return null;
  const id =
    object.object === 'customer'
      ? typeof object.id === 'string'
        ? object.id
        : null
      : customerIdOf(object.customer as string | { id: string } | null | undefined);
  return id !== null && /^cus_[A-Za-z0-9]{1,255}$/.test(id) ? id : null;
}
