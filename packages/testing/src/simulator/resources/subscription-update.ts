import type Stripe from 'stripe';
import { BILLING_ACCEPTS } from '../billing-params';
import type { Engine } from '../engine';
import { invalidRequest, noSuchResource, SimulatorError, type StripeErrorBody } from '../errors';
import type { FormParams } from '../form';
import { allowOnly, applyMetadata, arr, bool, int, oneOf, str } from '../params';
import type { SimInvoice, SimSubscription, SimSubscriptionItem } from '../types';
import { redeemDiscounts } from './coupons';
import { addPendingItems, pendingLines } from './invoice-items';
import { cycleLines, draftInvoice, finalizeInvoice, invoicePaymentIntent, payInvoice } from './invoices';
import { resolvePaymentMethod } from './payment-methods';
import { prorationLines } from './prorations';
import {
  missingPaymentMethodParam,
  newItem,
  paymentMethodFor,
  periodEnd,
  recurringPrice,
  trialEndParam,
} from './subscriptions';

type PaymentBehavior =
  | 'allow_incomplete'
  | 'default_incomplete'
  | 'error_if_incomplete'
  | 'pending_if_incomplete';

/** How `applyUpdate` treats the invoice a change produces. */
interface UpdateMode {
  /** Attempt the payment (off for previews). */
  pay: boolean;
  /** `pending_if_incomplete` whose payment did not go through: keep the items as they were, record the update. */
  pending?: boolean;
}

/** The new item list from `items[]`: changes by `id`, `deleted: true` removes, no `id` adds. */
function nextItems(engine: Engine, subscription: SimSubscription, params: FormParams): SimSubscriptionItem[] {
  const items = structuredClone(subscription.items.data);
  const first = items[0]!;
  for (const [i, entry] of (arr(params, 'items') ?? []).entries()) {
    const at = `items[${i}]`;
    if (typeof entry !== 'object' || Array.isArray(entry)) throw invalidRequest(`Invalid ${at}`, at);
    allowOnly(entry, BILLING_ACCEPTS.subscriptionUpdateItem, at);
    const id = str(entry, 'id');
    const priceId = str(entry, 'price');
    const quantity = int(entry, 'quantity');
    if (quantity !== undefined && quantity < 0) throw invalidRequest('Invalid quantity', `${at}[quantity]`);
    const index = id ? items.findIndex((item) => item.id === id) : -1;
    if (id && index < 0) throw noSuchResource('subscription item', id, `${at}[id]`, 400);
    if (bool(entry, 'deleted')) {
      if (index < 0) throw invalidRequest('An item to delete needs its id.', `${at}[id]`);
      items.splice(index, 1);
      continue;
    }
    const price = priceId ? recurringPrice(engine, priceId, `${at}[price]`) : undefined;
    if (price && price.currency !== subscription.currency) {
      throw invalidRequest('All prices on a subscription must have the same currency.', `${at}[price]`);
    }
    if (index >= 0) {
      const item = items[index]!;
      if (price) item.price = structuredClone(price) as unknown as Stripe.Price;
      if (quantity !== undefined) item.quantity = quantity;
      continue;
    }
    if (!price) throw invalidRequest('Each new item needs a price.', `${at}[price]`, 'parameter_missing');
    if (items.some((item) => item.price.id === price.id)) {
      throw invalidRequest(
        'Cannot add multiple subscription items with the same price.',
        `${at}[price]`,
        'subscription_item_duplicate',
      );
    }
    items.push(
      newItem(engine, subscription.id, price, quantity ?? 1, {
        start: first.current_period_start,
        end: first.current_period_end,
      }),
    );
  }
  if (!items.length) throw invalidRequest('A subscription needs at least one item.', 'items');
  return items;
}

const intervalOf = (item: SimSubscriptionItem | undefined) =>
  `${item?.price.recurring?.interval}/${item?.price.recurring?.interval_count}`;

/**
 * Applies an update like Stripe: plain fields, then item changes with prorations (`create_prorations` saves them
 * for the next invoice, `always_invoice` bills them now, `none` skips them), a restarted billing cycle (with
 * `billing_cycle_anchor: 'now'`, an interval change or a trial ended with `trial_end: 'now'`) billed at once.
 * Returns the invoice the change produced, if any.
 */
export function applyUpdate(
  engine: Engine,
  subscription: SimSubscription,
  params: FormParams,
  mode: UpdateMode,
): SimInvoice | null {
  const previous: Record<string, unknown> = {};
  const set = <K extends keyof SimSubscription>(key: K, value: SimSubscription[K]) => {
    if (JSON.stringify(subscription[key]) !== JSON.stringify(value) && !(key in previous)) {
      previous[key] = structuredClone(subscription[key]);
    }
    subscription[key] = value;
  };
  if (subscription.status === 'canceled') {
    const allowed = Object.keys(params).every((key) =>
      ['metadata', 'cancellation_details', 'expand'].includes(key),
    );
    if (!allowed) {
      throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.');
    }
  }
  const now = engine.now();
  const before = structuredClone(subscription.items.data);
  const periodStart = before[0]!.current_period_start;
  const periodEndAt = before[0]!.current_period_end;
  const prorationBehavior =
    oneOf(params, 'proration_behavior', ['always_invoice', 'create_prorations', 'none']) ??
    'create_prorations';
  const prorationDate = int(params, 'proration_date');
  if (prorationDate !== undefined && (prorationDate < periodStart || prorationDate > periodEndAt)) {
    throw invalidRequest('proration_date must be within the current billing period.', 'proration_date');
  }
  // A period renewed ahead of time (`sim.renewSubscription`) has not started yet: nothing of it is used.
  const from = prorationDate ?? Math.min(Math.max(now, periodStart), periodEndAt);
  // API 2026-10-28 takes `billing_cycle_anchor[type]`; older versions sent the bare value.
  const rawAnchor = params.billing_cycle_anchor;
  const anchor =
    typeof rawAnchor === 'object' && !Array.isArray(rawAnchor)
      ? oneOf(rawAnchor, 'type', ['now', 'unchanged'])
      : oneOf(params, 'billing_cycle_anchor', ['now', 'unchanged']);
  const trialEnd = trialEndParam(params);
  const after = params.items === undefined ? before : nextItems(engine, subscription, params);
  const itemsChanged = JSON.stringify(after) !== JSON.stringify(before);
  const wasTrialing = subscription.status === 'trialing';
  const endsTrial = trialEnd === 'now' && wasTrialing;
  const resetsCycle =
    anchor === 'now' || endsTrial || (itemsChanged && intervalOf(after[0]) !== intervalOf(before[0]));

  if (params.cancel_at_period_end !== undefined || params.cancel_at !== undefined) {
    const atPeriodEnd = bool(params, 'cancel_at_period_end') ?? false;
    const cancelAt = atPeriodEnd ? periodEndAt : (int(params, 'cancel_at') ?? null);
    set('cancel_at_period_end', atPeriodEnd);
    set('cancel_at', cancelAt);
    set('cancellation_details', {
      comment: null,
      feedback: null,
      feedback_option: null,
      reason: cancelAt ? 'cancellation_requested' : null,
    });
  }
  if (params.default_payment_method !== undefined) {
    const pmId = str(params, 'default_payment_method');
    set(
      'default_payment_method',
      pmId ? resolvePaymentMethod(engine, pmId, 'default_payment_method').id : null,
    );
  }
  if (params.metadata !== undefined) set('metadata', applyMetadata(subscription.metadata, params));
  if (params.description !== undefined) set('description', str(params, 'description') ?? null);
  if (params.discounts !== undefined) {
    const discounts = redeemDiscounts(engine, params.discounts, {
      customer: subscription.customer as string,
      subscription: subscription.id,
      currency: subscription.currency,
    });
    set(
      'discounts',
      discounts.map((discount) => discount.id),
    );
  }
  const missing = missingPaymentMethodParam(params);
  if (missing)
    set('trial_settings', { end_behavior: { billing_cycle_anchor: null, missing_payment_method: missing } });

  if (itemsChanged || resetsCycle || typeof trialEnd === 'number') {
    previous.items = structuredClone(subscription.items);
  }
  subscription.items.data = after;
  let lines =
    (itemsChanged || resetsCycle) && prorationBehavior !== 'none' && !wasTrialing
      ? prorationLines(engine, before, after, from, resetsCycle)
      : [];
  if (typeof trialEnd === 'number') {
    if (trialEnd <= now) throw invalidRequest('Invalid timestamp: must be in the future.', 'trial_end');
    // A new trial ends the current period now; what was paid for it is not refunded (prorations are off).
    lines = [];
    set('status', 'trialing');
    set('trial_start', subscription.trial_start ?? now);
    set('trial_end', trialEnd);
    for (const item of after) item.current_period_end = trialEnd;
  }
  let invoice: SimInvoice | null = null;
  if (resetsCycle) {
    if (endsTrial) {
      set('status', 'active');
      set('trial_end', now);
    }
    set('billing_cycle_anchor', now);
    for (const item of after) {
      item.current_period_start = now;
      item.current_period_end = periodEnd(now, item.price.recurring!);
    }
    const cycle = cycleLines(engine, subscription);
    invoice = draftInvoice(engine, subscription, 'subscription_update', [
      ...lines,
      ...cycle,
      ...pendingLines(engine, subscription),
    ]);
  } else if (lines.length && prorationBehavior === 'always_invoice') {
    invoice = draftInvoice(engine, subscription, 'subscription_update', [
      ...lines,
      ...pendingLines(engine, subscription),
    ]);
  } else if (lines.length) {
    addPendingItems(engine, subscription, lines);
  }

  if (invoice) {
    finalizeInvoice(engine, invoice);
    const behavior = (str(params, 'payment_behavior') ?? 'allow_incomplete') as PaymentBehavior;
    if (mode.pay && behavior !== 'default_incomplete') {
      payInvoice(engine, invoice, paymentMethodFor(engine, subscription), {
        offSession: bool(params, 'off_session') ?? false,
      });
    }
    set('latest_invoice', invoice.id);
    if (mode.pending && invoice.status !== 'paid') {
      // The change waits for its invoice: the subscription keeps its items until the payment succeeds.
      engine.secret<{ pendingItems?: SimSubscriptionItem[] }>(subscription.id).pendingItems = after;
      subscription.items.data = before;
      delete previous.items;
      set('pending_update', {
        billing_cycle_anchor: resetsCycle ? now : null,
        expires_at: now + 23 * 3600,
        subscription_items: structuredClone(after) as unknown as Stripe.SubscriptionItem[],
        trial_end: null,
        trial_from_plan: null,
      } as unknown as Stripe.Subscription.PendingUpdate);
    } else if (invoice.status !== 'paid' && ['active', 'trialing'].includes(subscription.status)) {
      set('status', 'past_due');
    }
  }
  if (Object.keys(previous).length) engine.emit('customer.subscription.updated', subscription, previous);
  return invoice;
}

/** What a payment attempt inside a dry run came to (plain data, so it survives `engine.simulate`). */
interface DryRun {
  paid: boolean;
  error?: { status: number; body: StripeErrorBody };
}

function dryRun(engine: Engine, subscriptionId: string, params: FormParams): DryRun {
  return engine.simulate(() => {
    const subscription = engine.get<SimSubscription>('subscription', subscriptionId, 'subscription');
    const invoice = applyUpdate(engine, subscription, params, { pay: true });
    if (!invoice || invoice.status === 'paid') return { paid: true };
    const piId = invoicePaymentIntent(engine, invoice.id);
    const pi = piId ? engine.find<Stripe.PaymentIntent>('payment_intent', piId) : undefined;
    const failure = pi?.last_payment_error;
    const body: StripeErrorBody = failure
      ? {
          type: 'card_error',
          code: failure.code ?? 'card_declined',
          decline_code: failure.decline_code,
          message: failure.message ?? 'Your card was declined.',
        }
      : {
          type: 'card_error',
          code: 'subscription_payment_intent_requires_action',
          message:
            'Payment for this subscription requires additional user action before it can be completed.',
        };
    return { paid: false, error: { status: 402, body } };
  });
}

/**
 * `POST /v1/subscriptions/:id`. `error_if_incomplete` and `pending_if_incomplete` first run the change on a scratch
 * copy: a payment that would fail (or need 3-D Secure) answers 402 and changes nothing, or leaves the change in
 * `pending_update` until its invoice is paid.
 */
export function updateSubscription(
  engine: Engine,
  subscription: SimSubscription,
  params: FormParams,
): SimSubscription {
  const behavior = oneOf(params, 'payment_behavior', [
    'allow_incomplete',
    'default_incomplete',
    'error_if_incomplete',
    'pending_if_incomplete',
  ]);
  if (behavior === 'error_if_incomplete' || behavior === 'pending_if_incomplete') {
    const outcome = dryRun(engine, subscription.id, params);
    if (!outcome.paid && behavior === 'error_if_incomplete') {
      throw new SimulatorError(outcome.error!.status, outcome.error!.body);
    }
    applyUpdate(engine, subscription, params, { pay: true, pending: !outcome.paid });
    return subscription;
  }
  applyUpdate(engine, subscription, params, { pay: true });
  return subscription;
}

/** A pending update applies itself once its invoice is paid. */
export function applyPendingUpdate(engine: Engine, subscription: SimSubscription): void {
  const secrets = engine.secret<{ pendingItems?: SimSubscriptionItem[] }>(subscription.id);
  if (!subscription.pending_update || !secrets.pendingItems) return;
  const previous = {
    items: structuredClone(subscription.items),
    pending_update: subscription.pending_update,
  };
  subscription.items.data = secrets.pendingItems;
  subscription.pending_update = null;
  delete secrets.pendingItems;
  engine.emit('customer.subscription.updated', subscription, previous);
}
