import type Stripe from 'stripe';
import type { Engine } from '../engine';
import { newId } from '../ids';
import { PAGE_PARAMS, paginate, withExpand } from '../list';
import { str } from '../params';
import type { Route } from '../route';
import type { SimCharge, SimPaymentIntent, SimPaymentMethod } from '../types';

/** How the attempt went: declined (with Stripe's codes), authorised only (manual capture), or captured. */
export interface ChargeOutcome {
  code?: string;
  message?: string;
  declineCode?: string;
  /** Authorised, to be captured later. @default false */
  uncaptured?: boolean;
}

/** The card as a charge reports it: brand, last4 and the checks, copied from the PaymentMethod used. */
function cardDetails(pm: SimPaymentMethod, pi: SimPaymentIntent): Stripe.Charge.PaymentMethodDetails {
  const card = pm.card;
  return {
    type: 'card',
    card: {
      amount_authorized: pi.amount,
      authorization_code: null,
      brand: card?.brand ?? null,
      capture_before: undefined,
      checks: card?.checks ?? null,
      country: card?.country ?? null,
      electronic_commerce_indicator: null,
      exp_month: card?.exp_month ?? 0,
      exp_year: card?.exp_year ?? 0,
      extended_authorization: undefined,
      fingerprint: card?.fingerprint ?? null,
      funding: card?.funding ?? null,
      incremental_authorization: undefined,
      installments: null,
      last4: card?.last4 ?? null,
      mandate: null,
      multicapture: undefined,
      network: card?.networks?.available[0] ?? null,
      network_token: null,
      network_transaction_id: null,
      overcapture: undefined,
      regulated_status: card?.regulated_status ?? null,
      three_d_secure: null,
      transaction_link_id: null,
      wallet: null,
    },
  };
}

/** Records the charge behind a payment attempt, succeeded or failed, like Stripe's `latest_charge`. */
export function createCharge(
  engine: Engine,
  pi: SimPaymentIntent,
  pm: SimPaymentMethod,
  result: ChargeOutcome = {},
): SimCharge {
  const id = newId('ch');
  const failed = result.code !== undefined;
  const captured = !failed && !result.uncaptured;
  const outcome: Stripe.Charge.Outcome = {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: failed ? 'declined_by_network' : 'approved_by_network',
    reason: result.declineCode ?? null,
    risk_level: 'normal',
    risk_score: 20,
    seller_message: failed
      ? 'The bank did not return any further details with this decline.'
      : 'Payment complete.',
    type: failed ? 'issuer_declined' : 'authorized',
  };
  const charge = engine.put<SimCharge>({
    id,
    object: 'charge',
    amount: pi.amount,
    amount_captured: captured ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: captured ? newId('txn') : null,
    billing_details: structuredClone(pm.billing_details),
    calculated_statement_descriptor: failed ? null : 'TOLLBOOTH SIMULATOR',
    captured,
    created: engine.now(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: result.code ?? null,
    failure_message: result.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: structuredClone(pi.metadata),
    on_behalf_of: null,
    outcome,
    paid: !failed,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: cardDetails(pm, pi),
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: failed ? null : `${engine.baseUrl()}/_simulator/receipts/${id}`,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: failed ? 'failed' : 'succeeded',
    transfer_data: null,
    transfer_group: null,
  });
  engine.emit(failed ? 'charge.failed' : 'charge.succeeded', charge);
  return charge;
}

export const chargeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/charges/:id',
    implements: [],
    handler: ({ engine, params, path }) => withExpand(engine, engine.get('charge', path.id), params),
  },
  {
    method: 'GET',
    path: '/v1/charges',
    implements: ['customer', 'payment_intent', ...PAGE_PARAMS],
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer');
      const pi = str(params, 'payment_intent');
      const items = engine.all(
        'charge',
        (c) => (!customer || c.customer === customer) && (!pi || c.payment_intent === pi),
      );
      return paginate(engine, items, params, '/v1/charges');
    },
  },
];
