import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../helpers';
import { advance, clockCustomer, DAY, START } from './clock-helpers';

const ctx = useSimulator();
const TRIAL_END = START + 14 * DAY;

async function trial(
  card: string | null,
  missing?: Stripe.SubscriptionCreateParams.TrialSettings.EndBehavior.MissingPaymentMethod,
) {
  const { clock, customer } = await clockCustomer(ctx.stripe, card);
  const sub = await ctx.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: 'price_pro' }],
    trial_period_days: 14,
    ...(missing ? { trial_settings: { end_behavior: { missing_payment_method: missing } } } : {}),
  });
  return { clock, customer, sub };
}

const typesOf = (events: Stripe.Event[]) => events.map((e) => e.type);

describe('trials', () => {
  it('starts trialing with a paid $0 invoice, warns 3 days before the end, then bills the card', async () => {
    const { clock, sub } = await trial('pm_card_visa');
    expect(sub).toMatchObject({ status: 'trialing', trial_start: START, trial_end: TRIAL_END });
    expect(sub.trial_settings?.end_behavior.missing_payment_method).toBe('create_invoice');
    const first = await ctx.stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(first).toMatchObject({ status: 'paid', amount_due: 0, billing_reason: 'subscription_create' });
    expect(first.lines.data[0]!.description).toBe('Trial period for Pro');

    await advance(ctx.stripe, clock.id, TRIAL_END - 3 * DAY - 1);
    expect(typesOf(ctx.sim.events)).not.toContain('customer.subscription.trial_will_end');
    await advance(ctx.stripe, clock.id, TRIAL_END - 3 * DAY);
    const warning = ctx.sim.events.find((e) => e.type === 'customer.subscription.trial_will_end')!;
    expect(warning.created).toBe(TRIAL_END - 3 * DAY);

    await advance(ctx.stripe, clock.id, TRIAL_END + 2 * 3600);
    const active = await ctx.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(active.status).toBe('active');
    expect(active.items.data[0]!.current_period_start).toBe(TRIAL_END);
    expect(active.latest_invoice).toMatchObject({ status: 'paid', amount_paid: 4900 });
  });

  it('ends a trial without a payment method as trial_settings.end_behavior says', async () => {
    const canceled = await trial(null, 'cancel');
    const paused = await trial(null, 'pause');
    const invoiced = await trial(null);
    for (const { clock } of [canceled, paused, invoiced])
      await advance(ctx.stripe, clock.id, TRIAL_END + 2 * 3600);
    expect((await ctx.stripe.subscriptions.retrieve(canceled.sub.id)).status).toBe('canceled');
    expect((await ctx.stripe.subscriptions.retrieve(paused.sub.id)).status).toBe('paused');
    expect(typesOf(ctx.sim.events)).toContain('customer.subscription.paused');
    const pastDue = await ctx.stripe.subscriptions.retrieve(invoiced.sub.id, { expand: ['latest_invoice'] });
    expect(pastDue.status).toBe('past_due');
    expect(pastDue.latest_invoice).toMatchObject({ status: 'open', amount_due: 4900, attempt_count: 0 });
  });

  it('goes past_due when the card fails at the end of the trial', async () => {
    const { clock, customer } = await clockCustomer(ctx.stripe, 'pm_card_chargeCustomerFail');
    const sub = await ctx.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_pro' }],
      trial_end: START + 5 * DAY,
    });
    expect(sub.trial_end).toBe(START + 5 * DAY);
    await advance(ctx.stripe, clock.id, START + 5 * DAY + 2 * 3600);
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).status).toBe('past_due');
  });

  it('ends a trial now with trial_end: "now", billing a new period at once', async () => {
    const { sub } = await trial('pm_card_visa');
    const ended = await ctx.stripe.subscriptions.update(sub.id, {
      trial_end: 'now',
      expand: ['latest_invoice'],
    });
    expect(ended.status).toBe('active');
    expect(ended.items.data[0]!.current_period_start).toBe(START);
    expect(ended.latest_invoice).toMatchObject({ status: 'paid', amount_paid: 4900 });
  });
});
