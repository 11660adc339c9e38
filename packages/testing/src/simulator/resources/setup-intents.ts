import type Stripe from 'stripe';
import { ACCEPTS } from '../accepted-params';
import { behaviourOf } from '../cards';
import type { Engine, RequestContext } from '../engine';
import { missingParam, noSuchResource, SimulatorError, stateError } from '../errors';
import type { FormParams } from '../form';
import { clientSecretFor, newId } from '../ids';
import { paginate, withExpand } from '../list';
import { applyMetadata, bool, obj, oneOf, str } from '../params';
import type { Route } from '../route';
import type { SimPaymentMethod, SimSetupIntent } from '../types';
import { liveCustomer } from './customers';
import { type CardFailure, threeDSecureAction } from './payment-attempts';
import {
  attachPaymentMethod,
  cardSecrets,
  paymentMethodFromData,
  resolvePaymentMethod,
} from './payment-methods';

export function createSetupIntent(engine: Engine, params: FormParams): SimSetupIntent {
  const customer = str(params, 'customer');
  if (customer) liveCustomer(engine, customer);
  const automatic = obj(params, 'automatic_payment_methods');
  const id = newId('seti');
  const si = engine.put<SimSetupIntent>({
    id,
    object: 'setup_intent',
    automatic_payment_methods: automatic
      ? { allow_redirects: 'always', enabled: bool(automatic, 'enabled') ?? false }
      : null,
    cancellation_reason: null,
    client_secret: clientSecretFor(id),
    created: engine.now(),
    customer: customer ?? null,
    description: str(params, 'description') ?? null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    metadata: applyMetadata({}, params),
    next_action: null,
    payment_method: null,
    payment_method_types: ['card'],
    status: 'requires_payment_method',
    usage: oneOf(params, 'usage', ['on_session', 'off_session']) ?? 'off_session',
  });
  const pmId = str(params, 'payment_method');
  if (pmId) {
    si.payment_method = resolvePaymentMethod(engine, pmId).id;
    si.status = 'requires_confirmation';
  }
  engine.emit('setup_intent.created', si);
  if (bool(params, 'confirm'))
    return confirmSetupIntent(engine, si, {
      ...params,
      payment_method: (si.payment_method as string | null) ?? '',
    });
  return si;
}

export function succeedSetupIntent(engine: Engine, si: SimSetupIntent, pm: SimPaymentMethod): SimSetupIntent {
  if (si.customer && pm.customer !== si.customer) attachPaymentMethod(engine, pm, si.customer as string);
  if (si.usage === 'off_session') cardSecrets(engine, pm).setUpOffSession = true;
  si.payment_method = pm.id;
  si.status = 'succeeded';
  si.next_action = null;
  si.last_setup_error = null;
  engine.emit('setup_intent.succeeded', si);
  return si;
}

function failSetup(
  engine: Engine,
  si: SimSetupIntent,
  pm: SimPaymentMethod,
  error: CardFailure,
): SimulatorError {
  const type = error.type ?? 'card_error';
  si.status = 'requires_payment_method';
  si.payment_method = null;
  si.next_action = null;
  si.last_setup_error = {
    type,
    code: error.code as Stripe.SetupIntent.LastSetupError.Code,
    decline_code: error.decline_code,
    message: error.message,
    param: error.param,
    payment_method: structuredClone(pm) as unknown as Stripe.PaymentMethod,
    payment_method_type: 'card',
  };
  engine.emit('setup_intent.setup_failed', si);
  return new SimulatorError(type === 'card_error' ? 402 : 400, {
    type,
    code: error.code,
    decline_code: error.decline_code,
    message: error.message,
    param: error.param,
    setup_intent: structuredClone(si),
    payment_method: structuredClone(pm),
  });
}

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

export function confirmSetupIntent(engine: Engine, si: SimSetupIntent, params: FormParams): SimSetupIntent {
  if (!CONFIRMABLE.includes(si.status)) {
    throw stateError(
      `You cannot confirm this SetupIntent because it has a status of ${si.status}.`,
      'setup_intent_unexpected_state',
    );
  }
  const data = obj(params, 'payment_method_data');
  const pmId = str(params, 'payment_method');
  let pm: SimPaymentMethod | undefined;
  if (data) pm = paymentMethodFromData(engine, data);
  else if (pmId) pm = resolvePaymentMethod(engine, pmId);
  else if (si.payment_method)
    pm = engine.get<SimPaymentMethod>('payment_method', si.payment_method, 'PaymentMethod');
  if (!pm) {
    throw stateError(
      "You cannot confirm this SetupIntent because it's missing a payment method.",
      'setup_intent_unexpected_state',
    );
  }
  const behaviour = behaviourOf(cardSecrets(engine, pm).number);
  if (behaviour.kind === 'decline' && !behaviour.chargesOnly) {
    throw failSetup(engine, si, pm, {
      code: behaviour.code,
      decline_code: behaviour.declineCode,
      message: behaviour.message,
      param: behaviour.param,
    });
  }
  // Both 3-D Secure test cards authenticate on setup; 3155 then charges off-session without a challenge.
  if (behaviour.kind === 'authenticate_always' || behaviour.kind === 'authenticate_unless_setup') {
    si.payment_method = pm.id;
    si.status = 'requires_action';
    si.next_action = threeDSecureAction(engine, si.id) as unknown as Stripe.SetupIntent.NextAction;
    engine.emit('setup_intent.requires_action', si);
    return si;
  }
  return succeedSetupIntent(engine, si, pm);
}

export function completeSetupAuthentication(
  engine: Engine,
  si: SimSetupIntent,
  succeed: boolean,
): SimSetupIntent {
  if (si.status !== 'requires_action' || !si.payment_method) {
    throw stateError(`This SetupIntent has a status of ${si.status}; no authentication is pending.`);
  }
  const pm = engine.get<SimPaymentMethod>('payment_method', si.payment_method, 'PaymentMethod');
  if (succeed) return succeedSetupIntent(engine, si, pm);
  failSetup(engine, si, pm, {
    type: 'invalid_request_error',
    code: 'setup_intent_authentication_failure',
    message:
      'The latest attempt to set up the payment method has failed because authentication failed. Provide a new payment method to attempt to set up again.',
  });
  return si;
}

export function visibleSetupIntent(ctx: RequestContext): SimSetupIntent {
  const si = ctx.engine.get<SimSetupIntent>('setup_intent', ctx.path.id, 'setup_intent', 'intent');
  if (ctx.publishable) {
    const secret = str(ctx.params, 'client_secret');
    if (!secret) throw missingParam('client_secret');
    if (secret !== si.client_secret) throw noSuchResource('setup_intent', si.id, 'intent');
  }
  return si;
}

export const setupIntentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/setup_intents',
    accepts: ACCEPTS.setupIntentCreate,
    handler: ({ engine, params }) => withExpand(engine, createSetupIntent(engine, params), params),
  },
  {
    method: 'GET',
    path: '/v1/setup_intents/:id',
    accepts: ACCEPTS.setupIntentRetrieve,
    publishable: true,
    handler: (ctx) => withExpand(ctx.engine, visibleSetupIntent(ctx), ctx.params),
  },
  {
    method: 'POST',
    path: '/v1/setup_intents/:id/confirm',
    accepts: ACCEPTS.setupIntentConfirm,
    publishable: true,
    handler: (ctx) =>
      withExpand(ctx.engine, confirmSetupIntent(ctx.engine, visibleSetupIntent(ctx), ctx.params), ctx.params),
  },
  {
    method: 'POST',
    path: '/v1/setup_intents/:id/cancel',
    accepts: ACCEPTS.setupIntentCancel,
    handler: ({ engine, params, path }) => {
      const si = engine.get<SimSetupIntent>('setup_intent', path.id, 'setup_intent', 'intent');
      if (si.status === 'succeeded' || si.status === 'canceled') {
        throw stateError(`You cannot cancel this SetupIntent because it has a status of ${si.status}.`);
      }
      si.status = 'canceled';
      engine.emit('setup_intent.canceled', si);
      return withExpand(engine, si, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/setup_intents',
    accepts: ACCEPTS.setupIntentList,
    handler: ({ engine, params }) => {
      const customer = str(params, 'customer');
      const items = engine.all<SimSetupIntent>('setup_intent', (si) => !customer || si.customer === customer);
      return paginate(engine, items, params, '/v1/setup_intents');
    },
  },
];
