import type Stripe from 'stripe';
import type { SimCustomer, SimPrice, SimSubscription } from '../types';
import { wireDecimal } from './prices';

// The fields of subscriptions, their items and invoices that the simulator has no feature behind (tax, Connect,
// shipping, credit notes, thresholds) with the values Stripe returns for an account that uses none of them, as
// fixtures3.json and the API reference show. One place, so a feature that arrives replaces its default here.

/** Automatic tax as Stripe reports it when it is off (the simulator computes no tax). */
const TAX_OFF = { disabled_reason: null, enabled: false, liability: null } as const;

/**
 * A subscription's fields the simulator does not vary. `billing_mode` is `flexible`: the default for subscriptions
 * created at API 2025-09-30 and later, which the SDK's pinned version is.
 */
export function subscriptionDefaults(created: number) {
  return {
    application: null,
    application_fee_percent: null,
    automatic_tax: { ...TAX_OFF },
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: { proration_discounts: 'included' }, type: 'flexible', updated_at: created },
    billing_schedules: [],
    billing_thresholds: null,
    customer_account: null,
    default_source: null,
    default_tax_rates: [],
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: 'self' },
    },
    managed_payments: null,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: 'off',
    },
    pending_invoice_item_interval: null,
    transfer_data: null,
  } satisfies Partial<SimSubscription>;
}

/** The legacy Plan view of a recurring price, which subscription items still carry as `plan`. */
export function planOf(price: SimPrice): Stripe.Plan {
  const recurring = price.recurring!;
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount === null ? null : wireDecimal(price.unit_amount),
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: recurring.interval,
    interval_count: recurring.interval_count,
    livemode: false,
    metadata: structuredClone(price.metadata),
    meter: recurring.meter,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: price.tiers_mode,
    transform_usage: null,
    trial_period_days: recurring.trial_period_days,
    usage_type: recurring.usage_type,
  };
}

/**
 * An invoice's fields the simulator does not vary, and those copied from its customer and subscription when it
 * is drafted (Stripe freezes the customer's details on the invoice until it is finalised).
 */
export function invoiceDefaults(customer: SimCustomer, subscription: SimSubscription, created: number) {
  return {
    account_country: 'US',
    account_name: null,
    account_tax_ids: null,
    amount_overpaid: 0,
    amount_shipping: 0,
    application: null,
    auto_advance: true,
    automatic_tax: { ...TAX_OFF, provider: null, status: null },
    custom_fields: null,
    customer_account: null,
    customer_address: structuredClone(customer.address ?? null),
    customer_email: customer.email,
    customer_name: customer.name ?? null,
    customer_phone: customer.phone ?? null,
    customer_shipping: structuredClone(customer.shipping ?? null),
    customer_tax_exempt: customer.tax_exempt ?? 'none',
    customer_tax_ids: [],
    default_source: null,
    default_tax_rates: structuredClone(subscription.default_tax_rates ?? []),
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    on_behalf_of: null,
    payment_settings: {
      default_mandate: null,
      // The simulator sets no per-method options on subscriptions, so their invoices have none either.
      payment_method_options: null,
      payment_method_types: structuredClone(subscription.payment_settings?.payment_method_types ?? null),
    },
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: {
      amount_tax_display: null,
      pdf: { page_size: 'auto' },
      template: null,
      template_version: null,
    },
    shipping_cost: null,
    shipping_details: null,
    starting_balance: customer.balance,
    statement_descriptor: null,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: created,
  } satisfies Partial<Stripe.Invoice>;
}
