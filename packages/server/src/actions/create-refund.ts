import { type RefundCreateResponse, TollboothError } from '@tollbooth/core';
import { refundCreateSchema } from '@tollbooth/core/schemas';
import type Stripe from 'stripe';
import type { ActionContext } from '../_internal/runtime';
import { isMissing } from '../_internal/stripe-errors';
import { parse, requireUser } from '../_internal/validate';

/**
 * `POST /refunds` (staff): refunds a PaymentIntent. `authorize` sees the loaded PaymentIntent, so a policy can
 * cap amounts ("support may refund up to 50.00") against the real charge, not the client's claim.
 */
export async function createRefundAction(ctx: ActionContext): Promise<RefundCreateResponse> {
  const input = parse(refundCreateSchema, ctx.body);
  requireUser(ctx);
  // The charge is expanded so a policy (and the check below) can see what was already refunded.
  const intent = await ctx.rt.stripe.paymentIntents
    .retrieve(input.paymentIntent, { expand: ['latest_charge'] })
    .catch((error: unknown) => {
      if (isMissing(error)) throw new TollboothError('not_found', 'Not found.');
      throw error;
    });

  await ctx.authorize(input, intent, intent.id);

  if (intent.status !== 'succeeded') {
    throw new TollboothError('conflict', 'Only a succeeded payment can be refunded.');
  }
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const remaining = intent.amount_received - (charge?.amount_refunded ?? 0);
  if (remaining <= 0) throw new TollboothError('conflict', 'This payment is already fully refunded.');
  if (input.amount !== undefined && input.amount > remaining) {
    throw new TollboothError('invalid_request', 'The refund is larger than what is left of the payment.');
  }
  const params: Stripe.RefundCreateParams = {
    payment_intent: intent.id,
    metadata: { tollbooth_user_id: ctx.user?.id ?? '' },
  };
  if (input.amount !== undefined) params.amount = input.amount;
  if (input.reason !== undefined) params.reason = input.reason;
  const refund = await ctx.rt.stripe.refunds.create(params, {
    idempotencyKey: await ctx.idempotencyKey(intent.id),
  });
  ctx.setResourceId(refund.id);
  return { id: refund.id, amount: refund.amount, currency: refund.currency, status: refund.status };
}
