import type Stripe from 'stripe';
import type { Engine } from '../engine';
import { newId } from '../ids';
import type { SimSubscription } from '../types';
import type { DraftLine } from './invoices';

// Pending invoice items: prorations saved by `proration_behavior: 'create_prorations'` until the next invoice.

export type SimInvoiceItem = Omit<
  Stripe.InvoiceItem,
  'deleted' | 'frozen_fields' | 'invoicing_rules' | 'quantity_decimal'
>;

/** Saves prorations as pending invoice items: the subscription's next invoice picks them up. */
export function addPendingItems(engine: Engine, subscription: SimSubscription, lines: DraftLine[]): void {
  for (const line of lines) {
    engine.put<SimInvoiceItem>({
      id: newId('ii'),
      object: 'invoiceitem',
      amount: line.amount,
      currency: subscription.currency,
      customer: subscription.customer as string,
      customer_account: null,
      date: engine.now(),
      description: line.description,
      discountable: true,
      discounts: [],
      invoice: null,
      livemode: false,
      metadata: {},
      parent: {
        subscription_details: { subscription: subscription.id, subscription_item: line.subscriptionItem },
        type: 'subscription_details',
      },
      period: line.period,
      pricing: {
        price_details: { price: line.price.id, product: line.price.product as string },
        type: 'price_details',
        unit_amount_decimal: null,
      },
      proration: line.proration,
      quantity: line.quantity,
      tax_rates: [],
      test_clock: subscription.test_clock,
    });
  }
}

/** The subscription's pending invoice items, oldest first, as lines. */
export function pendingLines(engine: Engine, subscription: SimSubscription): DraftLine[] {
  return engine
    .all<SimInvoiceItem>(
      'invoiceitem',
      (ii) => ii.invoice === null && ii.parent?.subscription_details?.subscription === subscription.id,
    )
    .reverse()
    .map((ii) => ({
      amount: ii.amount,
      description: ii.description ?? '',
      period: ii.period,
      quantity: ii.quantity,
      price: {
        id: ii.pricing?.price_details?.price as string,
        product: ii.pricing?.price_details?.product as string,
      },
      subscriptionItem: ii.parent?.subscription_details?.subscription_item ?? '',
      proration: ii.proration,
      invoiceItem: ii.id,
    }));
}
