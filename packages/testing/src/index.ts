export { TEST_CARDS, TEST_PAYMENT_METHODS } from './simulator/cards';
export {
  createStripeSimulator,
  SIMULATOR_API_VERSION,
  type StripeSimulator,
  type StripeSimulatorOptions,
} from './simulator/create-simulator';
export { SimulatorError, type StripeErrorBody } from './simulator/errors';
export type { FaultSpec } from './simulator/faults';
export { decodeForm, encodeForm, type FormParams } from './simulator/form';
export type { ListeningSimulator } from './simulator/node-server';
export type { RetrySettings } from './simulator/resources/billing-cycle';
export type { CompleteCheckoutOptions } from './simulator/resources/checkout-complete';
export type { PriceSeed } from './simulator/resources/prices';
export type { ProductSeed } from './simulator/resources/products';
export type { SimulatorRequest } from './simulator/router';
export { type SignWebhookOptions, signWebhook } from './simulator/sign-webhook';
export type { WebhookDelivery, WebhookOptions } from './simulator/webhooks';
