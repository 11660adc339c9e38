import { METADATA_KEYS } from '@tollbooth/core';
import type Stripe from 'stripe';
import { defineAction } from '../_internal/action';
import { priceOrder } from '../_internal/catalog';
import { invalidRequest, unauthenticated, upstreamError } from '../_internal/errors';
import { paymentIntentSchema } from '../_internal/validate';
import { ensureOwnCustomer } from './own-customer';

/** `POST /payment-intents`: a PaymentIntent for one-time catalog items; the amount is computed here. */
export const createPaymentIntent = defineAction('paymentIntent.create', {
  input: (rt) => paymentIntentSchema(rt.maxQuantity),
  async load(ctx, input) {
    const order = await priceOrder(ctx.rt, input.items);
    if (order.items.some((i) => i.recurring)) {
      throw invalidRequest('Recurring prices are bought through checkout.');
    }
    if (input.savePaymentMethod && ctx.user === null) {
      throw unauthenticated('Sign in to save a payment method.');
    }
    return order;
  },
  async run(ctx, input, order) {
    const params: Stripe.PaymentIntentCreateParams = {
      amount: order.amount,
      currency: order.currency,
      automatic_payment_methods: { enabled: true },
      // Keys only: enough to fulfil the order from a webhook, never client-supplied free text.
      metadata: {
        [METADATA_KEYS.items]: order.items
          .map((i) => `${i.key}x${i.quantity}`)
          .join(',')
          .slice(0, 500),
      },
    };
    if (ctx.user) {
      params.customer = await ensureOwnCustomer(ctx);
      params.metadata = {
        ...params.metadata,
        [METADATA_KEYS.userId]: ctx.user.id,
        [METADATA_KEYS.owner]: ctx.owner,
      };
      if (input.savePaymentMethod) params.setup_future_usage = 'off_session';
    }
    const intent = await ctx.rt.stripe.paymentIntents.create(params, {
      idempotencyKey: await ctx.idempotencyKey('payment_intent'),
    });
    ctx.setResourceId(intent.id);
    if (!intent.client_secret) throw upstreamError('Stripe returned no client secret.');
    return {
      id: intent.id,
      clientSecret: intent.client_secret,
      amount: intent.amount,
      currency: intent.currency,
    };
  },
});
