import { defineAction } from '../_internal/action';
import { customerIdOf } from '../_internal/customers';
import { notFound } from '../_internal/errors';
import { loadOwnPaymentMethod } from './payment-method-owner';

/** `POST /payment-methods/:id/default`: makes one of the caller's payment methods the invoice default. */
export const setDefaultPaymentMethod = defineAction('paymentMethods.setDefault', {
  load: (ctx) => loadOwnPaymentMethod(ctx),
  auditId: (method) => method.id,
  async run(ctx, _input, method) {
    // `load` matched this customer to the caller's; a method without one never gets this far.
    const customer = customerIdOf(method.customer);
    if (customer === null) throw notFound();
    await ctx.rt.stripe.customers.update(customer, {
      invoice_settings: { default_payment_method: method.id },
    });
    return { id: method.id, isDefault: true };
  },
});
