export { createTollbooth } from './create-tollbooth';
export { type MemoryStoreOptions, memoryStore } from './memory-store';
export { type OrgBillingPolicyOptions, orgBillingPolicy } from './org-billing-policy';
export {
  type ActionPattern,
  type RbacCondition,
  type RbacOptions,
  type RbacPolicy,
  type RoleRules,
  rbac,
} from './rbac';
export type {
  ActionResources,
  AnyAuthorizeContext,
  AuditEntry,
  AuthorizeContext,
  AuthorizeFn,
  BillingOwner,
  CatalogKey,
  CatalogPrices,
  CustomerMapping,
  CustomerResource,
  KeyValueStore,
  PricedOrder,
  RateLimitRule,
  RefundResource,
  SetOptions,
  Tollbooth,
  TollboothConfig,
  TollboothLogger,
  TollboothUser,
  WebhookConfig,
  WebhookHandlers,
} from './types';
