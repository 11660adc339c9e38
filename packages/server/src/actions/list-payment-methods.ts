import type { PaymentMethodListResponse } from '@tollbooth/core';
import { customerIdOf } from '../_internal/customers';
import type { ActionContext } from '../_internal/runtime';
import { requireUser } from '../_internal/validate';
import { summarisePaymentMethod } from './payment-method-owner';

/** `GET /payment-methods`: the caller's saved payment methods; a user without a customer has none. */
export async function listPaymentMethodsAction(ctx: ActionContext): Promise<PaymentMethodListResponse> {
  const user = requireUser(ctx);
  const customer = await ctx.rt.customers.find(user);

  await ctx.authorize(undefined, { customer }, customer);

  // A GET never creates a customer.
  if (customer === null) return { data: [] };
  const [methods, record] = await Promise.all([
    ctx.rt.stripe.customers.listPaymentMethods(customer, { limit: 100 }),
    ctx.rt.stripe.customers.retrieve(customer),
  ]);
  const defaultId =
    'deleted' in record && record.deleted
      ? null
      : customerIdOf(record.invoice_settings?.default_payment_method);
  return { data: methods.data.map((pm) => summarisePaymentMethod(pm, defaultId)) };
}
