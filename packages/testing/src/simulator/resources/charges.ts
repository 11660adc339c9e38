import type Stripe from 'stripe';
import { ACCEPTS } from '../accepted-params';
import type { Engine } from '../engine';
import { newId } from '../ids';
import { paginate, withExpand } from '../list';
import { str } from '../params';
import type { Route } from '../route';
import type { SimCharge, SimPaymentIntent, SimPaymentMethod } from '../types';

/** Records the charge behind a payment attempt, succeeded or failed, like Stripe's `latest_charge`. */
export function createCharge(
  engine: Engine,
  pi: SimPaymentIntent,
  pm: SimPaymentMethod,
  failure?: { code: string; message: string; declineCode?: string },
): SimCharge {
  const id = newId('ch');
  const outcome = {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: failure ? 'declined_by_network' : 'approved_by_network',
    reason: failure?.declineCode ?? null,
    risk_level: 'normal',
    seller_message: failure
      ? 'The bank did not return any further details with this decline.'
      : 'Payment complete.',
    type: failure ? 'issuer_declined' : 'authorized',
  } as Stripe.Charge.Outcome;
  const charge = engine.put<SimCharge>({
    id,
    object: 'charge',
    amount: pi.amount,
    amount_captured: failure ? 0 : pi.amount,
    amount_refunded: 0,
    balance_transaction: failure ? null : newId('txn'),
    billing_details: structuredClone(pm.billing_details) as Stripe.Charge.BillingDetails,
    captured: !failure,
    created: engine.now(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    livemode: false,
    metadata: {},
    outcome,
    paid: !failure,
    payment_intent: pi.id,
    payment_method: pm.id,
    receipt_url: failure ? null : `${engine.baseUrl()}/_simulator/receipts/${id}`,
    refunded: false,
    status: failure ? 'failed' : 'succeeded',
  });
  engine.emit(failure ? 'charge.failed' : 'charge.succeeded', charge);
  return charge;
}

export const chargeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/charges/:id',
    accepts: ACCEPTS.chargeRetrieve,
    handler: ({ engine, params, path }) =>
      withExpand(engine, engine.get<SimCharge>('charge', path.id, 'charge'), params),
  },
  {
    method: 'GET',
    path: '/v1/charges',
    accepts: ACCEPTS.chargeList,
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer');
      const pi = str(params, 'payment_intent');
      const items = engine.all<SimCharge>(
        'charge',
        (c) => (!customer || c.customer === customer) && (!pi || c.payment_intent === pi),
      );
      return paginate(engine, items, params, '/v1/charges');
    },
  },
];
