export {
  ACTION_SPECS,
  ACTIONS,
  type ActionName,
  type ActionSpec,
  type BodyKind,
  CREATING_ACTIONS,
  type CreatingAction,
  DEFAULT_BASE_PATH,
  EMPTY_BODY_ACTIONS,
  FIELDS_ACTIONS,
  type FieldsAction,
  type HttpMethod,
  ID_ACTIONS,
  type IdAction,
  ROUTES,
  type RouteSpec,
  type SpecOf,
  WEBHOOK_PATH,
} from './actions';
export {
  type BillingSeats,
  type BillingState,
  type BillingStatus,
  type BillingSubscription,
  has,
  type ScheduledChange,
} from './billing';
export {
  type CallArgs,
  type CallOptions,
  type ClientMethods,
  type ClientOptions,
  createClient,
  createIdempotencyKey,
  type RouteRequest,
  request,
  type TollboothClient,
} from './client';
export { CATALOG_KEY_PATTERN, FRAUD_DECLINE_CODES, isFraudDecline, METADATA_KEYS } from './contract';
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
