export {
  ACTIONS,
  type ActionName,
  CREATING_ACTIONS,
  type HttpMethod,
  ROUTES,
  type RouteSpec,
  WEBHOOK_PATH,
} from './actions';
export {
  type BillingState,
  type BillingStatus,
  type BillingSubscription,
  has,
  type ScheduledChange,
} from './billing';
export {
  type CallArgs,
  type CallOptions,
  type ClientOptions,
  createClient,
  createIdempotencyKey,
  type RouteRequest,
  request,
  type TollboothClient,
} from './client';
export {
  type ClientErrorCode,
  codeForStatus,
  ERROR_STATUS,
  type ErrorBody,
  type ErrorCode,
  isErrorCode,
  TollboothError,
  type TollboothErrorOptions,
} from './errors';
export type * from './wire';
