/**
 * `@tollbooth/testing/stripe-js`: a Stripe.js stand-in backed by the simulator, for browser tests,
 * Storybook and the offline demo. Plain DOM, no React; safe to import during server rendering.
 */
export { IntegrationError } from './stripe-js/confirm';
export {
  createStripeJsStandIn,
  type StripeJsStandIn,
  type StripeJsStandInOptions,
} from './stripe-js/create-stand-in';
