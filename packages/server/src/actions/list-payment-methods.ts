import { defineAction } from '../_internal/action';
import { customerIdOf } from '../_internal/customers';
import { loadOwnCustomer } from './own-customer';
import { summarisePaymentMethod } from './payment-method-owner';

/** `GET /payment-methods`: the caller's saved payment methods; a user without a customer has none. */
export const listPaymentMethods = defineAction('paymentMethods.list', {
  load: loadOwnCustomer,
  auditId: ({ customer }) => customer,
  async run(ctx, _input, { customer }) {
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
  },
});
