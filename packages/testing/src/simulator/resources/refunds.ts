import type { Engine } from '../engine';
import { invalidRequest, missingParam } from '../errors';
import type { FormParams } from '../form';
import { newId } from '../ids';
import { PAGE_PARAMS, paginate, withExpand } from '../list';
import { applyMetadata, int, oneOf, str } from '../params';
import type { Route } from '../route';
import type { SimCharge, SimPaymentIntent, SimRefund } from '../types';

const money = (amount: number, currency: string) =>
  `${currency === 'usd' ? '$' : ''}${(amount / 100).toFixed(2)}${currency === 'usd' ? '' : ` ${currency}`}`;

/**
 * Refunds a charge. The core handles one request at a time (no await between reading and writing state), so
 * concurrent refunds are serialised and their sum never exceeds the captured amount.
 */
export function createRefund(engine: Engine, params: FormParams): SimRefund {
  const piId = str(params, 'payment_intent');
  const chargeId = str(params, 'charge');
  if (!piId && !chargeId) throw missingParam('payment_intent');
  let charge: SimCharge;
  let pi: SimPaymentIntent | undefined;
  if (piId) {
    pi = engine.get('payment_intent', piId, 'payment_intent');
    const latest = pi.latest_charge ? engine.find('charge', pi.latest_charge) : undefined;
    if (pi.status !== 'succeeded' || !latest || latest.status !== 'succeeded') {
      throw invalidRequest(
        `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
        'payment_intent',
        'charge_not_refundable',
      );
    }
    charge = latest;
  } else {
    charge = engine.get('charge', chargeId, 'charge');
  }
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (remaining <= 0) {
    throw invalidRequest(
      `Charge ${charge.id} has already been refunded.`,
      undefined,
      'charge_already_refunded',
    );
  }
  const amount = int(params, 'amount') ?? remaining;
  if (amount <= 0) throw invalidRequest('Invalid positive integer', 'amount');
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(remaining, charge.currency)})`,
      'amount',
      'amount_too_large',
    );
  }
  const refund = engine.put<SimRefund>({
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: newId('txn'),
    charge: charge.id,
    created: engine.now(),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details: {
      type: 'card',
      card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' },
    },
    metadata: applyMetadata({}, params),
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: oneOf(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer']) ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  });
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount_captured;
  engine.emit('refund.created', refund);
  engine.emit('charge.refunded', charge, previous);
  return refund;
}

export const refundRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/refunds',
    implements: ['payment_intent', 'charge', 'amount', 'metadata', 'reason'],
    handler: ({ engine, params }) => withExpand(engine, createRefund(engine, params), params),
  },
  {
    method: 'GET',
    path: '/v1/refunds/:id',
    implements: [],
    handler: ({ engine, params, path }) => withExpand(engine, engine.get('refund', path.id), params),
  },
  {
    method: 'GET',
    path: '/v1/refunds',
    implements: ['payment_intent', 'charge', ...PAGE_PARAMS],
    handler: ({ engine, params }) => {
      const pi = str(params, 'payment_intent');
      const charge = str(params, 'charge');
      const items = engine.all(
        'refund',
        (r) => (!pi || r.payment_intent === pi) && (!charge || r.charge === charge),
      );
      return paginate(engine, items, params, '/v1/refunds');
    },
  },
];
