import { TollboothError } from '@tollbooth/core';
import type Stripe from 'stripe';
import { readLimited, WEBHOOK_LIMIT_BYTES } from './http';
import type { Runtime } from './runtime';
import { runEvent } from './webhook-run';

/** Stripe's default tolerance, applied in both directions. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The `t=` of a Stripe-Signature header, read the way stripe-node reads it (the last one wins). */
function signatureTimestamp(header: string): number | null {
  let t: number | null = null;
  for (const item of header.split(',')) {
    const [k, v] = item.split('=');
    if (k === 't') t = Number.parseInt(v ?? '', 10);
  }
  return t === null || Number.isNaN(t) ? null : t;
}

/**
 * `POST /webhooks`. Verifies the raw bytes against each configured secret with stripe-node's
 * `constructEventAsync` (works on edge runtimes), rejects timestamps more than 300 s old or in the future, then
 * runs the verified event under its lease (`runEvent`).
 */
export async function handleWebhook(
  rt: Runtime,
  webhook: NonNullable<Runtime['webhook']>,
  request: Request,
  requestId: string,
): Promise<Response> {
  const bytes = await readLimited(request, WEBHOOK_LIMIT_BYTES);
  const header = request.headers.get('stripe-signature');
  if (!header) throw new TollboothError('invalid_request', 'Missing Stripe-Signature header.');
  const nowMs = rt.now();
  const t = signatureTimestamp(header);
  // stripe-node only checks the age of old events; an event signed in the future is refused here.
  if (t !== null && t - Math.floor(nowMs / 1000) > WEBHOOK_TOLERANCE_SECONDS) {
    rt.logger.warn('tollbooth: webhook timestamp in the future', { requestId });
    throw new TollboothError('invalid_request', 'Invalid webhook signature.');
  }
  // The signature covers the exact bytes, so the text handed to stripe-node must be exactly them: a default
  // TextDecoder silently drops a leading byte-order mark (a body changed after signing would then verify), and
  // replaces invalid UTF-8 (two byte strings, one text). Stripe only sends valid UTF-8 without a BOM.
  let payload: string;
  try {
    payload = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes);
  } catch {
    throw new TollboothError('invalid_request', 'Invalid webhook signature.');
  }
  let event: Stripe.Event | null = null;
  for (const secret of webhook.secrets) {
    try {
      event = await rt.stripe.webhooks.constructEventAsync(
        payload,
        header,
        secret,
        WEBHOOK_TOLERANCE_SECONDS,
        undefined,
        nowMs,
      );
      break;
    } catch {
      // The error carries the whole payload and header: never logged.
    }
  }
  if (!event) {
    rt.logger.warn('tollbooth: webhook signature rejected', { requestId });
    throw new TollboothError('invalid_request', 'Invalid webhook signature.');
  }
  return runEvent(rt, webhook, event, requestId);
}
