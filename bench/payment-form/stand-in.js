// Stands for Stripe.js's script: the stand-in, served as a file of its own so its load can be held back.
export { createStripeJsStandIn } from '@tollbooth/testing/stripe-js';
