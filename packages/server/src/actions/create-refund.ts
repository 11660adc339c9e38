import { METADATA_KEYS } from '@tollbooth/core';
import type Stripe from 'stripe';
import { defineAction } from '../_internal/action';
import { conflict, invalidRequest, upstreamError } from '../_internal/errors';
import { schemas } from '../_internal/schemas';
import { missingAsNotFound } from '../_internal/stripe-errors';
import { requireUser } from '../_internal/validate';

/**
 * `POST /refunds` (staff): refunds a PaymentIntent. `authorize` sees the loaded PaymentIntent with its charge, so
 * a policy can cap what is refunded in total ("support may refund up to 50.00 of a payment") against the real
 * charge, not the client's claim; refunds of one PaymentIntent are serialised, so parallel requests cannot race
 * past that cap.
 */
export const createRefund = defineAction('refunds.create', {
  input: () => schemas().refundCreateSchema,
  // One refund of a PaymentIntent at a time, across instances: the next one loads what this one refunded.
  serialise: (_ctx, input) => `refund:${input.paymentIntent}`,
  async load(ctx, input) {
    requireUser(ctx);
    // The charge is expanded so a policy (and the checks in `run`) can see what was already refunded.
    const intent = await ctx.rt.stripe.paymentIntents
      .retrieve(input.paymentIntent, { expand: ['latest_charge'] })
      .catch(missingAsNotFound);
    const charge = intent.latest_charge;
    // An unexpanded charge would hide what was refunded from a policy's cap: never hand that to authorize.
    if (typeof charge === 'string') throw upstreamError('Stripe did not expand the charge.');
    return { ...intent, latest_charge: charge };
  },
  auditId: (intent) => intent.id,
  // The state checks come after `authorize`: a caller who may not refund learns nothing about the payment.
  async run(ctx, input, intent) {
    if (intent.status !== 'succeeded') throw conflict('Only a succeeded payment can be refunded.');
    const remaining = intent.amount_received - (intent.latest_charge?.amount_refunded ?? 0);
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
