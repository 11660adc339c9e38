import { METADATA_KEYS } from '@tollbooth/core';
import { refundCreateSchema } from '@tollbooth/core/schemas';
import type Stripe from 'stripe';
import { defineAction } from '../_internal/action';
import { conflict, invalidRequest } from '../_internal/errors';
import { missingAsNotFound } from '../_internal/stripe-errors';
import { requireUser } from '../_internal/validate';

/**
 * `POST /refunds` (staff): refunds a PaymentIntent. `authorize` sees the loaded PaymentIntent, so a policy can
 * cap amounts ("support may refund up to 50.00") against the real charge, not the client's claim.
 */
export const createRefund = defineAction('refunds.create', {
  input: refundCreateSchema,
  load(ctx, input) {
    requireUser(ctx);
    // The charge is expanded so a policy (and the checks in `run`) can see what was already refunded.
    return ctx.rt.stripe.paymentIntents
      .retrieve(input.paymentIntent, { expand: ['latest_charge'] })
      .catch(missingAsNotFound);
  },
  auditId: (intent) => intent.id,
  // The state checks come after `authorize`: a caller who may not refund learns nothing about the payment.
  async run(ctx, input, intent) {
    if (intent.status !== 'succeeded') throw conflict('Only a succeeded payment can be refunded.');
    const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
    const remaining = intent.amount_received - (charge?.amount_refunded ?? 0);
    if (remaining <= 0) throw conflict('This payment is already fully refunded.');
    if (input.amount !== undefined && input.amount > remaining) {
      throw invalidRequest('The refund is larger than what is left of the payment.');
    }
    const params: Stripe.RefundCreateParams = {
      payment_intent: intent.id,
      metadata: { [METADATA_KEYS.userId]: ctx.user?.id ?? '' },
    };
    if (input.amount !== undefined) params.amount = input.amount;
    if (input.reason !== undefined) params.reason = input.reason;
    const refund = await ctx.rt.stripe.refunds.create(params, {
      idempotencyKey: await ctx.idempotencyKey(intent.id),
    });
    ctx.setResourceId(refund.id);
    return { id: refund.id, amount: refund.amount, currency: refund.currency, status: refund.status };
  },
});
