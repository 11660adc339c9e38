import { TollboothError } from '@tollbooth/core';
import type Stripe from 'stripe';
import { adoptCheckoutCardOfEvent } from '../actions/checkout-default-card';
import { billingCustomerOf } from '../billing/events';
import { syncBilling } from '../billing/sync';
import { jsonResponse } from './http';
import type { Runtime } from './runtime';
import { acquireLease } from './webhook-lease';

const busy = () =>
  new TollboothError('conflict', 'This event is being handled; Stripe will deliver it again.');

/**
 * Runs a verified event under a lease (rule 9). A duplicate during the lease answers 409 so Stripe retries it
 * later; the event is done only once its work returned (then 200, without running again); a throw gives the
 * lease back and answers 500 so Stripe's retry runs it; a crash leaves only the lease, which lapses. The work is
 * the billing sync of the event's customer (billing events), then the app's handler for the type.
 */
export async function runEvent(
  rt: Runtime,
  webhook: NonNullable<Runtime['webhook']>,
  event: Stripe.Event,
  requestId: string,
): Promise<Response> {
  // Own properties only: an event type like "constructor" must not reach Object.prototype.
  const handler = Object.hasOwn(webhook.on, event.type)
    ? (webhook.on[event.type] as ((e: Stripe.Event) => unknown) | undefined)
    : undefined;
  const customer = billingCustomerOf(event);
  if (!handler && customer === null) return jsonResponse({ received: true }, 200, requestId);

  const leased = await acquireLease(rt.store, `webhook:${event.id}`, webhook.leaseSeconds, rt.now);
  if (leased.kind === 'done') return jsonResponse({ received: true }, 200, requestId);
  if (leased.kind === 'busy') throw busy();
  const fields = { requestId, eventId: event.id, type: event.type };
  let ran = true;
  try {
    // Sync first, so a handler that reads `tollbooth.billing()` sees what this event changed.
    if (customer !== null) {
      await adoptCheckoutCardOfEvent(rt, event);
      await syncBilling(rt, customer);
    }
    // A sync slow enough to outlast the lease may have been overtaken by a retry, which runs the handler.
    if (handler && !(await leased.lease.held())) ran = false;
    else if (handler) await handler(event);
  } catch (error) {
    await leased.lease.release();
    rt.logger.error('tollbooth: webhook handler failed; Stripe will retry', {
      ...fields,
      name: error instanceof Error ? error.name : typeof error,
    });
    throw new TollboothError('internal_error', 'The webhook handler failed.');
  }
  if (!ran) {
    rt.logger.warn(
      'tollbooth: webhook lease lapsed before the handler ran; raise webhooks.leaseSeconds',
      fields,
    );
    throw busy();
  }
  if (!(await leased.lease.complete())) {
    rt.logger.warn('tollbooth: webhook handler outlasted its lease; raise webhooks.leaseSeconds', fields);
  }
  return jsonResponse({ received: true }, 200, requestId);
}
