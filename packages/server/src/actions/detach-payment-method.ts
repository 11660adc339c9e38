import { defineAction } from '../_internal/action';
import { loadOwnPaymentMethod } from './payment-method-owner';

/** `DELETE /payment-methods/:id`: removes one of the caller's own payment methods. */
export const detachPaymentMethod = defineAction('paymentMethods.detach', {
  load: (ctx) => loadOwnPaymentMethod(ctx),
  auditId: (method) => method.id,
  async run(ctx, _input, method) {
    await ctx.rt.stripe.paymentMethods.detach(method.id);
    return { id: method.id, deleted: true };
  },
});
