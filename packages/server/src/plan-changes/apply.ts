import { isFraudDecline, type SubscriptionChangeResponse, TollboothError } from '@tollbooth/core';
import type Stripe from 'stripe';
import { sha256Hex } from '../_internal/http';
import type { ActionContext } from '../_internal/runtime';
import { changeDate, forgetPreview } from './clock';
import { describeWith, scheduleOf } from './describe';
import { targetItems } from './preview';
import { type PlanChange, SCHEDULE_OWNER_KEY } from './target';

type Ctx = ActionContext<'subscriptions.change'>;

/**
 * A Stripe idempotency key from who asks, the subscription, the state it is in and the target, never from the
 * client's key: two tabs asking for the same change send the same Stripe request, which Stripe applies once.
 */
async function keyFor(ctx: Ctx, change: PlanChange, step: string, extra: string | number = '') {
  const { subscription, item, target } = change;
  const parts = [ctx.rt.appId, ctx.owner, ctx.action, subscription.id, item.price.id, item.quantity ?? 1];
  const digest = await sha256Hex(
    JSON.stringify(['tollbooth/v1', ...parts, target.priceId, target.quantity, step, extra]),
  );
  return `tollbooth-plan-${digest}`;
}

async function release(ctx: Ctx, change: PlanChange, schedule: Stripe.SubscriptionSchedule) {
  await ctx.rt.stripe.subscriptionSchedules.release(
    schedule.id,
    {},
    {
      idempotencyKey: await keyFor(ctx, change, 'release', schedule.id),
    },
  );
}

/** A downgrade: the current phase runs to the period end, then the target for good (the schedule releases). */
async function schedule(ctx: Ctx, change: PlanChange): Promise<Stripe.SubscriptionSchedule> {
  const { stripe } = ctx.rt;
  // The key also names the attempt (the client's Idempotency-Key, which a retry of it repeats; else a new one):
  // after an undo released the last schedule the state is what it was, and a key from the state alone would make
  // Stripe answer with that released schedule, which can no longer be updated. Two tabs cannot race here: the
  // change runs under the subscription's lock and the second sees the first one's schedule.
  const attempt = ctx.request.headers.has('idempotency-key')
    ? await ctx.idempotencyKey('subscription_schedule')
    : crypto.randomUUID();
  const existing =
    change.schedule ??
    (await stripe.subscriptionSchedules.create(
      { from_subscription: change.subscription.id },
      { idempotencyKey: await keyFor(ctx, change, 'schedule', attempt) },
    ));
  const current = existing.current_phase ?? {
    start_date: change.item.current_period_start,
    end_date: change.item.current_period_end,
  };
  return stripe.subscriptionSchedules.update(existing.id, {
    end_behavior: 'release',
    proration_behavior: 'none',
    metadata: { [SCHEDULE_OWNER_KEY]: 'true' },
    phases: [
      {
        items: [{ price: change.item.price.id, quantity: change.item.quantity ?? 1 }],
        start_date: current.start_date,
        end_date: current.end_date,
      },
      { items: [{ price: change.target.priceId, quantity: change.target.quantity }] },
    ],
  });
}

/** The PaymentIntent id inside a client secret (`pi_…_secret_…`), as Stripe documents its shape. */
const intentOf = (clientSecret: string) => clientSecret.slice(0, clientSecret.indexOf('_secret_'));

/**
 * An upgrade whose invoice was not paid: `pending_if_incomplete` kept the old price. A card that needs 3-D
 * Secure answers with the client secret to confirm (paying applies the change); a decline voids the invoice,
 * so nothing is charged later for a change that did not happen, and answers 402.
 */
async function unpaid(ctx: Ctx, invoice: Stripe.Invoice): Promise<SubscriptionChangeResponse> {
  const secret = invoice.confirmation_secret?.client_secret;
  const intent = secret ? await ctx.rt.stripe.paymentIntents.retrieve(intentOf(secret)) : null;
  if (secret && intent?.status === 'requires_action') return { requiresAction: true, clientSecret: secret };
  if (invoice.id) await ctx.rt.stripe.invoices.voidInvoice(invoice.id);
  const error = intent?.last_payment_error;
  const fraud = isFraudDecline(error?.decline_code) || isFraudDecline(error?.code);
  throw new TollboothError(
    'card_declined',
    !fraud && error?.message ? error.message : 'Your card was declined.',
  );
}

/** An upgrade: the new price now, the difference prorated to the preview's date, invoiced and paid at once. */
async function upgrade(ctx: Ctx, change: PlanChange): Promise<SubscriptionChangeResponse> {
  if (change.schedule) await release(ctx, change, change.schedule);
  const prorationDate = await changeDate(ctx.rt, change);
  const updated = await ctx.rt.stripe.subscriptions.update(
    change.subscription.id,
    {
      items: targetItems(change),
      proration_behavior: 'always_invoice',
      proration_date: prorationDate,
      payment_behavior: 'pending_if_incomplete',
      expand: ['latest_invoice'],
    },
    { idempotencyKey: await keyFor(ctx, change, 'update', prorationDate) },
  );
  await forgetPreview(ctx.rt, change);
  const invoice = updated.latest_invoice;
  if (updated.pending_update && invoice && typeof invoice === 'object' && invoice.status !== 'paid') {
    return unpaid(ctx, invoice);
  }
  return describeWith(ctx.rt, updated, null);
}

/** Applies a classified change; every branch ends by reading what Stripe now holds. */
export async function applyChange(ctx: Ctx, change: PlanChange): Promise<SubscriptionChangeResponse> {
  const { stripe } = ctx.rt;
  switch (change.kind) {
    case 'upgrade':
      return upgrade(ctx, change);
    case 'downgrade':
      await schedule(ctx, change);
      break;
    case 'undo':
      if (change.schedule) await release(ctx, change, change.schedule);
      break;
    case 'unchanged':
      break;
  }
  const fresh = await stripe.subscriptions.retrieve(change.subscription.id);
  return describeWith(ctx.rt, fresh, await scheduleOf(ctx.rt, fresh));
}
