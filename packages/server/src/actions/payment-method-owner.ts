import type { PaymentMethodSummary } from '@tollbooth/core';
import type Stripe from 'stripe';
import { customerIdOf } from '../_internal/customers';
import { notFound } from '../_internal/errors';
import type { ActionContext } from '../_internal/runtime';
import { missingAsNotFound } from '../_internal/stripe-errors';
import { pathId } from '../_internal/validate';
import { requireOwner } from './own-customer';

/**
 * Loads the payment method named in the path and checks it belongs to the caller's customer. Stripe does not
 * scope detach to a customer, so this check is the only thing between a user and another user's card:
 * missing and foreign answer the same 404.
 */
export async function loadOwnPaymentMethod(
  ctx: ActionContext<'paymentMethods.detach' | 'paymentMethods.setDefault'>,
): Promise<Stripe.PaymentMethod> {
  // 401 before a malformed id's 404, and that 404 before any Stripe read.
  const { owner } = requireOwner(ctx);
  const id = pathId(ctx);
  const customer = await ctx.rt.customers.find(owner);
  if (customer === null) throw notFound();
  const method = await ctx.rt.stripe.paymentMethods.retrieve(id).catch(missingAsNotFound);
  if (customerIdOf(method.customer) !== customer) throw notFound();
  return method;
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
