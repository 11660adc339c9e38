/** Arranges Stripe state for the cases: customers, cards, subscriptions, sessions and paid PaymentIntents. */
import { expectOk } from './expect';
import type { Harness } from './harness';
import type { OwnIds } from './routes';

/** The user's Stripe customer as the server maps it; created through the server so its own map knows it. */
export async function customerOf(h: Harness, user: string): Promise<string> {
  const res = await h.call('setupIntent.create', { as: user, body: {} });
  expectOk(res);
  const intent = await h.stripe.setupIntents.retrieve(res.json.id as string);
  const customer = typeof intent.customer === 'string' ? intent.customer : intent.customer?.id;
  if (!customer) throw new Error(`no customer for ${user}`);
  return customer;
}

/** Attaches a fresh test card to the user's customer; returns the new PaymentMethod id. */
export async function attachCard(h: Harness, user: string): Promise<string> {
  const customer = await customerOf(h, user);
  const pm = await h.stripe.paymentMethods.attach('pm_card_visa', { customer });
  return pm.id;
}

/** A monthly subscription of the user's customer. */
export async function subscribe(h: Harness, user: string, price = 'price_pro'): Promise<string> {
  const customer = await customerOf(h, user);
  // Stripe refuses a subscription without a payment method; the card is the one the customer would have saved.
  const card = await h.stripe.paymentMethods.attach('pm_card_visa', { customer });
  const sub = await h.stripe.subscriptions.create({
    customer,
    items: [{ price }],
    default_payment_method: card.id,
  });
  return sub.id;
}

/** An open hosted Checkout Session created by the user through the server. */
export async function openCheckout(h: Harness, user: string | null): Promise<string> {
  const res = await h.call('checkout.create', {
    as: user,
    body: { items: [{ price: 'basic', quantity: 1 }] },
  });
  expectOk(res);
  return res.json.id as string;
}

/** A PaymentIntent the user created through the server and paid with a test card. */
export async function paidIntent(
  h: Harness,
  user: string,
  items: Array<{ price: string; quantity: number }> = [{ price: 'basic', quantity: 1 }],
): Promise<string> {
  const res = await h.call('paymentIntent.create', { as: user, body: { items } });
  expectOk(res);
  const pi = await h.stripe.paymentIntents.confirm(res.json.id as string, { payment_method: 'pm_card_visa' });
  if (pi.status !== 'succeeded') throw new Error(`PaymentIntent ${pi.id} is ${pi.status}`);
  return pi.id;
}

/** The objects each of two customers owns, for IDOR and ownership cases. */
export interface TwoCustomers {
  alice: OwnIds;
  bob: OwnIds;
  aliceCustomer: string;
  bobCustomer: string;
}

/** Alice and Bob, each with a customer, an open session, a card, a subscription and a paid PaymentIntent. */
export async function arrangeTwoCustomers(h: Harness): Promise<TwoCustomers> {
  const own = async (user: string): Promise<OwnIds> => ({
    session: await openCheckout(h, user),
    pm: await attachCard(h, user),
    sub: await subscribe(h, user),
    pi: await paidIntent(h, user),
  });
  const aliceCustomer = await customerOf(h, 'alice');
  const bobCustomer = await customerOf(h, 'bob');
  return { alice: await own('alice'), bob: await own('bob'), aliceCustomer, bobCustomer };
}
