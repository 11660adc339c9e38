import type { PaymentMethodSetDefaultResponse } from '@tollbooth/core';
import type { ActionContext } from '../_internal/runtime';
import { loadOwnPaymentMethod } from './payment-method-owner';

/** `POST /payment-methods/:id/default`: makes one of the caller's payment methods the invoice default. */
export async function setDefaultPaymentMethodAction(
  ctx: ActionContext,
): Promise<PaymentMethodSetDefaultResponse> {
  const { method, customer } = await loadOwnPaymentMethod(ctx, 'paymentMethods.setDefault');

  await ctx.authorize(undefined, method, method.id);

  await ctx.rt.stripe.customers.update(customer, { invoice_settings: { default_payment_method: method.id } });
  return { id: method.id, isDefault: true };
}
