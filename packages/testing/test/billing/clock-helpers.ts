import type Stripe from 'stripe';

export const DAY = 86_400;
/** 2026-01-15 09:00 UTC: a mid-month start, so month lengths differ between periods. */
export const START = Math.floor(Date.UTC(2026, 0, 15, 9) / 1000);

/** A test clock and a customer on it whose default payment method is `card` (none when `null`). */
export async function clockCustomer(
  stripe: Stripe,
  card: string | null = 'pm_card_visa',
  frozenTime = START,
) {
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: frozenTime, name: 'billing test' });
  const customer = await stripe.customers.create({ email: 'clock@example.com', test_clock: clock.id });
  let paymentMethod: string | null = null;
  if (card) {
    paymentMethod = (await stripe.paymentMethods.attach(card, { customer: customer.id })).id;
    await stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: paymentMethod },
    });
  }
  return { clock, customer, paymentMethod };
}

/** Advances the clock and waits until it is ready, as a test against Stripe must (the answer says `advancing`). */
export async function advance(stripe: Stripe, clockId: string, frozenTime: number) {
  const answer = await stripe.testHelpers.testClocks.advance(clockId, { frozen_time: frozenTime });
  let clock = answer;
  while (clock.status !== 'ready') clock = await stripe.testHelpers.testClocks.retrieve(clockId);
  return { answer, clock };
}

/** The end of the period starting at `time`, `months` calendar months later (same day, same time). */
export function monthsLater(time: number, months: number): number {
  const date = new Date(time * 1000);
  date.setUTCMonth(date.getUTCMonth() + months);
  return Math.floor(date.getTime() / 1000);
}

/** Prices for plan changes: two monthly plans, a yearly one and a per-seat one. */
export const BILLING_PRICES = [
  {
    id: 'price_pro',
    product: 'prod_pro',
    unit_amount: 4900,
    currency: 'usd',
    recurring: { interval: 'month' as const },
  },
  {
    id: 'price_team',
    product: 'prod_team',
    unit_amount: 9900,
    currency: 'usd',
    recurring: { interval: 'month' as const },
  },
  {
    id: 'price_pro_yearly',
    product: 'prod_pro',
    unit_amount: 49000,
    currency: 'usd',
    recurring: { interval: 'year' as const },
  },
  {
    id: 'price_seat',
    product: 'prod_seat',
    unit_amount: 1000,
    currency: 'usd',
    recurring: { interval: 'month' as const },
  },
];
export const BILLING_PRODUCTS = [
  { id: 'prod_pro', name: 'Pro' },
  { id: 'prod_team', name: 'Team' },
  { id: 'prod_seat', name: 'Seat' },
];

/** Stripe's proration: the amount for the time left after `from`, to the second, rounded. */
export function prorated(amount: number, start: number, end: number, from: number): number {
  return Math.round((amount * (end - from)) / (end - start));
}

/** The PaymentIntent behind an invoice (API 2026-10-28 lists it under `payments`). */
export async function invoicePaymentIntent(stripe: Stripe, invoiceId: string): Promise<Stripe.PaymentIntent> {
  const invoice = await stripe.invoices.retrieve(invoiceId, {
    expand: ['payments.data.payment.payment_intent'],
  });
  return invoice.payments!.data[0]!.payment.payment_intent as Stripe.PaymentIntent;
}
