// Signed webhook deliveries, made before the clock starts so signing is never part of a figure.
import { signWebhook } from '@tollbooth/testing';
import { BASE, ORIGIN, WEBHOOK_SECRET } from './apps.mjs';

/** `count` distinct `payment_intent.succeeded` events (unique ids), each with its Stripe-Signature header. */
export function signedEvents(count, tag = 'bench') {
  const out = new Array(count);
  for (let i = 0; i < count; i++) {
    const payload = JSON.stringify({
      id: `evt_${tag}_${i}`,
      object: 'event',
      api_version: '2025-01-27.acacia',
      created: 1_700_000_000,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'payment_intent.succeeded',
      data: { object: { id: `pi_${i}`, object: 'payment_intent', amount: 1500, currency: 'usd' } },
    });
    out[i] = { payload, header: signWebhook(payload, WEBHOOK_SECRET) };
  }
  return out;
}

/** The delivery as Stripe POSTs it. */
export function webhookRequest({ payload, header }) {
  return new Request(`${ORIGIN}${BASE}/webhooks`, {
    method: 'POST',
    headers: { 'stripe-signature': header, 'content-type': 'application/json; charset=utf-8' },
    body: payload,
  });
}
