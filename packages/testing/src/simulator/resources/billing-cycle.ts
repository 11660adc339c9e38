import type { Engine } from '../engine';
import type { SimInvoice, SimSubscription } from '../types';
import { pendingLines } from './invoice-items';
import { cycleLines, draftInvoice, finalizeInvoice, payInvoice } from './invoices';
import { cancelSubscription, DAY, paymentMethodFor, periodEnd } from './subscriptions';

// What Stripe's billing does on its own as time passes, one step at a time: test clocks (and
// `sim.renewSubscription`) ask for the next due step of each subscription and run them in time order.

/** Stripe's retry settings for failed renewals (Billing › Revenue recovery › Retries). */
export interface RetrySettings {
  /**
   * Days after each failed attempt until the next one. Stripe's default, Smart Retries, makes 8 attempts within
   * 2 weeks at times it picks; the simulator makes the same number at fixed times.
   * @default [2, 2, 2, 2, 2, 2, 2]
   */
  days?: number[];
  /** What happens to the subscription when the last retry fails. @default 'cancel' (Stripe's default) */
  afterLast?: 'cancel' | 'unpaid' | 'past_due';
}

const DEFAULT_RETRIES: Required<RetrySettings> = { days: [2, 2, 2, 2, 2, 2, 2], afterLast: 'cancel' };

const settings = new WeakMap<Engine, Required<RetrySettings>>();

export function configureRetries(engine: Engine, retries: RetrySettings = {}): void {
  settings.set(engine, { ...DEFAULT_RETRIES, ...retries });
}

function retries(engine: Engine): Required<RetrySettings> {
  return settings.get(engine) ?? DEFAULT_RETRIES;
}

/** Stripe drafts a renewal invoice and finalises it about an hour later, when it also charges it. */
const FINALIZE_AFTER = 3600;

/** `customer.subscription.trial_will_end` comes three days before a trial ends. */
const TRIAL_WILL_END = 3 * DAY;

/** Steps a subscription can have due, run in this order when due at the same second. */
export interface DueStep {
  at: number;
  rank: number;
  run: () => void;
}

/** Other rooms add due steps here (subscription schedules end their phases through one). */
export const dueStepSources: Array<(engine: Engine, subscription: SimSubscription) => DueStep | undefined> =
  [];

const subscriptionOf = (engine: Engine, invoice: SimInvoice) =>
  engine.find<SimSubscription>('subscription', invoice.parent?.subscription_details?.subscription);

function exhausted(engine: Engine, subscription: SimSubscription): void {
  const afterLast = retries(engine).afterLast;
  if (afterLast === 'cancel') cancelSubscription(engine, subscription, 'payment_failed');
  else if (afterLast === 'unpaid' && subscription.status !== 'unpaid') {
    const previous = { status: subscription.status };
    subscription.status = 'unpaid';
    engine.emit('customer.subscription.updated', subscription, previous);
  }
}

/** One collection attempt of an open renewal invoice, with the next retry or the end of dunning after a failure. */
export function collect(engine: Engine, invoice: SimInvoice): void {
  const subscription = subscriptionOf(engine, invoice);
  if (!subscription || subscription.status === 'canceled') return;
  invoice.next_payment_attempt = null;
  const pm = paymentMethodFor(engine, subscription);
  const days = retries(engine).days;
  const paid = payInvoice(engine, invoice, pm, {
    offSession: true,
    retryAt: (attempt) => (attempt <= days.length ? engine.now() + days[attempt - 1]! * DAY : null),
  });
  if (paid) return;
  if (subscription.status === 'active' || subscription.status === 'trialing') {
    const previous = { status: subscription.status };
    subscription.status = 'past_due';
    engine.emit('customer.subscription.updated', subscription, previous);
  }
  // Stripe does not retry without a payment method; with one, dunning ends after the last retry.
  if (pm && invoice.next_payment_attempt === null) exhausted(engine, subscription);
}

function finalizeAndCollect(engine: Engine, invoice: SimInvoice): void {
  finalizeInvoice(engine, invoice);
  if (invoice.status === 'open') collect(engine, invoice);
}

/**
 * Ends the current period: a trial without a payment method follows `trial_settings.end_behavior`; otherwise the
 * items move to the next period and a `subscription_cycle` invoice is drafted (finalised and charged an hour
 * later, or at once with `immediate`).
 */
export function endPeriod(engine: Engine, subscription: SimSubscription, immediate = false): void {
  const now = engine.now();
  if (subscription.status === 'trialing' && !paymentMethodFor(engine, subscription)) {
    const missing = subscription.trial_settings?.end_behavior.missing_payment_method ?? 'create_invoice';
    if (missing === 'cancel') {
      cancelSubscription(engine, subscription);
      return;
    }
    if (missing === 'pause') {
      const previous = { status: subscription.status };
      subscription.status = 'paused';
      engine.emit('customer.subscription.paused', subscription);
      engine.emit('customer.subscription.updated', subscription, previous);
      return;
    }
  }
  const previous: Record<string, unknown> = {
    items: structuredClone(subscription.items),
    latest_invoice: subscription.latest_invoice,
  };
  const start = subscription.items.data[0]!.current_period_start;
  for (const item of subscription.items.data) {
    item.current_period_start = item.current_period_end;
    item.current_period_end = periodEnd(
      item.current_period_end,
      item.price.recurring!,
      subscription.billing_cycle_anchor,
    );
  }
  if (subscription.status === 'trialing') {
    previous.status = 'trialing';
    subscription.status = 'active';
  }
  const invoice = draftInvoice(
    engine,
    subscription,
    'subscription_cycle',
    [...cycleLines(engine, subscription), ...pendingLines(engine, subscription)],
    { period: { start, end: now }, ...(immediate ? {} : { autoFinalizeAt: now + FINALIZE_AFTER }) },
  );
  subscription.latest_invoice = invoice.id;
  engine.emit('customer.subscription.updated', subscription, previous);
  if (immediate) finalizeAndCollect(engine, invoice);
}

/** The subscription's next due step, if any: invoice finalisation and retries, trial notice, cancel, renewal. */
export function nextDueStep(engine: Engine, subscription: SimSubscription): DueStep | undefined {
  if (['canceled', 'incomplete_expired', 'paused'].includes(subscription.status)) return undefined;
  const steps: DueStep[] = [];
  for (const invoice of engine.all<SimInvoice>(
    'invoice',
    (inv) => inv.parent?.subscription_details?.subscription === subscription.id,
  )) {
    if (invoice.status === 'draft' && invoice.automatically_finalizes_at !== null) {
      steps.push({
        at: invoice.automatically_finalizes_at,
        rank: 0,
        run: () => finalizeAndCollect(engine, invoice),
      });
    } else if (invoice.status === 'open' && invoice.next_payment_attempt !== null) {
      steps.push({ at: invoice.next_payment_attempt, rank: 0, run: () => collect(engine, invoice) });
    }
  }
  const secrets = engine.secret<{ trialWillEndSent?: boolean }>(subscription.id);
  if (subscription.status === 'trialing' && subscription.trial_end && !secrets.trialWillEndSent) {
    steps.push({
      at: Math.max(subscription.trial_start ?? 0, subscription.trial_end - TRIAL_WILL_END),
      rank: 1,
      run: () => {
        secrets.trialWillEndSent = true;
        engine.emit('customer.subscription.trial_will_end', subscription);
      },
    });
  }
  const end = subscription.items.data[0]!.current_period_end;
  if (subscription.cancel_at !== null && subscription.cancel_at <= end) {
    steps.push({ at: subscription.cancel_at, rank: 2, run: () => cancelSubscription(engine, subscription) });
  }
  for (const source of dueStepSources) {
    const step = source(engine, subscription);
    if (step) steps.push(step);
  }
  if (['active', 'trialing', 'past_due'].includes(subscription.status)) {
    steps.push({ at: end, rank: 4, run: () => endPeriod(engine, subscription) });
  }
  return steps.sort((a, b) => a.at - b.at || a.rank - b.rank)[0];
}

/**
 * Runs every due step of `subscriptions` up to `until`, in time order, each at its own time; `onStep` sees the time
 * first (a test clock moves its frozen time there). A bound on the steps stops a runaway loop.
 */
export function runDueSteps(
  engine: Engine,
  subscriptionIds: () => string[],
  until: number,
  onStep: (at: number) => void = () => {},
): void {
  for (let guard = 0; guard < 10_000; guard++) {
    let next: DueStep | undefined;
    for (const id of subscriptionIds()) {
      const subscription = engine.find<SimSubscription>('subscription', id);
      const step = subscription ? nextDueStep(engine, subscription) : undefined;
      if (step && (!next || step.at < next.at || (step.at === next.at && step.rank < next.rank))) next = step;
    }
    if (!next || next.at > until) return;
    const step = next;
    onStep(step.at);
    engine.at(step.at, step.run);
  }
  throw new Error('The billing clock did not settle (more than 10,000 steps).');
}
