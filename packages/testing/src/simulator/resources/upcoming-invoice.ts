import type { Engine } from '../engine';
import { SimulatorError } from '../errors';
import type { SimInvoice } from '../types';
import { dueStepSources } from './billing-cycle';
import { asPreview, upcoming } from './invoice-preview';
import { DAY } from './subscriptions';

// `invoice.upcoming`: Stripe announces a renewal some days before it bills it (Billing settings › Subscriptions ›
// "Upcoming renewal events"), with the invoice it is going to create, which has no id yet. The simulator sends it
// as the clock passes that moment, with the same preview `invoices.createPreview` gives.

/** Stripe's default notice, in days before the renewal. */
const DEFAULT_DAYS = 3;

const settings = new WeakMap<Engine, number>();

/** How many days before each renewal `invoice.upcoming` is sent (a whole number of days, at least 1). */
export function configureUpcomingRenewals(engine: Engine, days = DEFAULT_DAYS): void {
  if (!Number.isInteger(days) || days < 1) {
    throw new TypeError(`upcomingRenewalDays must be a whole number of days, at least 1 (got ${days}).`);
  }
  settings.set(engine, days);
}

dueStepSources.push((engine, subscription) => {
  if (!['active', 'trialing', 'past_due'].includes(subscription.status)) return undefined;
  const item = subscription.items.data[0]!;
  const end = item.current_period_end;
  // A subscription that ends at the period end has no renewal to announce.
  if (subscription.cancel_at !== null && subscription.cancel_at <= end) return undefined;
  const at = end - (settings.get(engine) ?? DEFAULT_DAYS) * DAY;
  const sent = engine.secret<{ upcomingSentFor?: number }>(subscription.id);
  // A period shorter than the notice starts after the moment it would have been sent: Stripe sends none then.
  if (sent.upcomingSentFor === end || at < item.current_period_start) return undefined;
  return {
    at,
    rank: 1,
    run: () => {
      sent.upcomingSentFor = end;
      let preview: SimInvoice;
      try {
        preview = engine.simulate(() =>
          asPreview(engine, upcoming(engine, engine.get('subscription', subscription.id))),
        );
      } catch (error) {
        // Nothing will be billed (a schedule or a trial ends the subscription first): nothing to announce.
        if (error instanceof SimulatorError && error.body.code === 'invoice_upcoming_none') return;
        throw error;
      }
      const { id: _id, ...invoice } = preview;
      engine.emit('invoice.upcoming', invoice);
    },
  };
});
