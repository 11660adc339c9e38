import { METADATA_KEYS } from '@tollbooth/core';
import type Stripe from 'stripe';
import { customerIdOf } from '../_internal/customers';
import type { Runtime } from '../_internal/runtime';

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** The card a completed session saved: the subscription's (subscription mode) or the SetupIntent's (setup mode). */
async function savedCardOf(rt: Runtime, session: Stripe.Checkout.Session): Promise<string | null> {
  if (session.mode === 'subscription') {
    const id = idOf(session.subscription);
    if (!id) return null;
    return idOf((await rt.stripe.subscriptions.retrieve(id)).default_payment_method);
  }
  if (session.mode === 'setup') {
    const id = idOf(session.setup_intent);
    if (!id) return null;
    return idOf((await rt.stripe.setupIntents.retrieve(id)).payment_method);
  }
  return null;
}

/**
 * Makes the card a completed Checkout saved (a subscription's, or a setup session's) the customer's invoice
 * default when they have none yet, as a customer expects of their first card. Stripe sets it only on the
 * subscription, so the account page would show no default and the next subscription would find no card. A
 * customer who already chose a default keeps it. Runs on the return from Checkout and on
 * `checkout.session.completed`, whichever is first; both read Stripe again and set the same card.
 */
export async function adoptCheckoutCard(rt: Runtime, session: Stripe.Checkout.Session): Promise<void> {
  const customerId = customerIdOf(session.customer);
  // Only sessions this kit made: another integration on the account decides for its own customers.
  if (session.status !== 'complete' || customerId === null || !session.metadata?.[METADATA_KEYS.userId])
    return;
  const card = await savedCardOf(rt, session);
  if (card === null) return;
  const customer = await rt.stripe.customers.retrieve(customerId);
  if (customer.deleted) return;
  const app = customer.metadata?.[METADATA_KEYS.app];
  if (app !== undefined && app !== rt.appId) return;
  if (customer.invoice_settings?.default_payment_method) return;
  await rt.stripe.customers.update(customerId, { invoice_settings: { default_payment_method: card } });
}

/** The same, for a `checkout.session.completed` event: the event names the session, Stripe says what it is. */
export async function adoptCheckoutCardOfEvent(rt: Runtime, event: Stripe.Event): Promise<void> {
  if (event.type !== 'checkout.session.completed') return;
  const id = (event.data.object as { id?: unknown }).id;
  if (typeof id !== 'string' || !/^cs_[A-Za-z0-9_]{1,255}$/.test(id)) return;
  await adoptCheckoutCard(rt, await rt.stripe.checkout.sessions.retrieve(id));
}
