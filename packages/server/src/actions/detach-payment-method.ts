import type { PaymentMethodDetachResponse } from '@tollbooth/core';
import type { ActionContext } from '../_internal/runtime';
import { loadOwnPaymentMethod } from './payment-method-owner';

/** `DELETE /payment-methods/:id`: removes one of the caller's own payment methods. */
export async function detachPaymentMethodAction(ctx: ActionContext): Promise<PaymentMethodDetachResponse> {
  const { method } = await loadOwnPaymentMethod(ctx, 'paymentMethods.detach');

  await ctx.authorize(undefined, method, method.id);

  await ctx.rt.stripe.paymentMethods.detach(method.id);
  return { id: method.id, deleted: true };
}
