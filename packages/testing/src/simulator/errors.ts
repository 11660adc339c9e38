/** Stripe's error body: `{ error: { type, code, decline_code, message, param, … } }`. */
export interface StripeErrorBody {
  type:
    | 'api_error'
    | 'card_error'
    | 'idempotency_error'
    | 'invalid_request_error'
    | 'authentication_error'
    | 'rate_limit_error';
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  /** The failed charge's id, on card errors of a payment. */
  charge?: string;
  payment_intent?: unknown;
  setup_intent?: unknown;
  payment_method?: unknown;
}

/** Thrown by resource handlers; the router turns it into Stripe's error response. */
export class SimulatorError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
    this.name = 'SimulatorError';
  }
}

export function invalidRequest(message: string, param?: string, code?: string): SimulatorError {
  return new SimulatorError(400, { type: 'invalid_request_error', message, param, code });
}

export function missingParam(param: string): SimulatorError {
  return invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
}

/** Path segments name the object a URL addresses; a missing one is a 404, a missing one named in the body a 400. */
const PATH_PARAMS = ['id', 'intent', 'session'];

export function noSuchResource(kind: string, id: string, param = 'id', status?: 400 | 404): SimulatorError {
  return new SimulatorError(status ?? (PATH_PARAMS.includes(param) ? 404 : 400), {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${kind}: '${id}'`,
    param,
  });
}

export function stateError(message: string, code = 'unexpected_state'): SimulatorError {
  return invalidRequest(message, undefined, code);
}

export function errorResponseBody(error: SimulatorError): { error: StripeErrorBody } {
  // Stripe omits absent fields rather than sending nulls; JSON.stringify drops the undefined ones.
  return {
    error: {
      ...error.body,
      doc_url: error.body.code
        ? `https://docs.stripe.com/error-codes/${error.body.code.replace(/_/g, '-')}`
        : undefined,
    },
  };
}
