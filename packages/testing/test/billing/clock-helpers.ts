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
