import { type PaymentMethodSummary, TollboothError } from '@tollbooth/core';
import type Stripe from 'stripe';
import { customerIdOf } from '../_internal/customers';
import type { ActionContext } from '../_internal/runtime';
import { isMissing } from '../_internal/stripe-errors';
import { pathId, requireUser } from '../_internal/validate';

/**
 * Loads the payment method named in the path and checks it belongs to the caller's customer. Stripe does not
 * scope detach to a customer, so this check is the only thing between a user and another user's card:
 * missing and foreign answer the same 404.
 */
export async function loadOwnPaymentMethod(
  ctx: ActionContext,
  action: 'paymentMethods.detach' | 'paymentMethods.setDefault',
): Promise<{ method: Stripe.PaymentMethod; customer: string }> {
  const user = requireUser(ctx);
  const id = pathId(ctx, action);
  const customer = await ctx.rt.customers.find(user);
  if (customer === null) throw new TollboothError('not_found', 'Not found.');
  const method = await ctx.rt.stripe.paymentMethods.retrieve(id).catch((error: unknown) => {
    if (isMissing(error)) throw new TollboothError('not_found', 'Not found.');
    throw error;
  });
  if (customerIdOf(method.customer) !== customer) throw new TollboothError('not_found', 'Not found.');
  return { method, customer };
}

export function summarisePaymentMethod(
  pm: Stripe.PaymentMethod,
  defaultId: string | null,
): PaymentMethodSummary {
  return {
    id: pm.id,
    type: pm.type,
    card: pm.card
      ? { brand: pm.card.brand, last4: pm.card.last4, expMonth: pm.card.exp_month, expYear: pm.card.exp_year }
      : null,
    isDefault: pm.id === defaultId,
  };
}
