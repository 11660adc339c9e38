import { isFraudDecline, TollboothError } from '@tollbooth/core';
import type { CallErrorMessages, DeclineMessages } from '../messages';

export interface Problem {
  message: string;
  /** Worth retrying as is (the network, a rate limit, a server hiccup); not a 401/403 or a bad request. */
  retryable: boolean;
  code: string;
}

const RETRYABLE = new Set(['network_error', 'rate_limited', 'internal_error', 'upstream_error', 'conflict']);

/** The message a user sees for a failed call; server messages are shown only for card declines. */
export function describeError(error: unknown, messages: CallErrorMessages): Problem {
  // Anything else is a bug or a broken page, not something the user can act on (a missing Stripe.js key is
  // told apart by `describeLoadError`, which only the components that load Stripe.js ship).
  if (!(error instanceof TollboothError)) {
    return { code: 'internal_error', message: messages.server_error, retryable: false };
  }
  const { code } = error;
  const message =
    code === 'card_declined'
      ? error.message
      : code === 'internal_error' || code === 'upstream_error' || code === 'conflict'
        ? messages.server_error
        : code in messages
          ? messages[code as keyof CallErrorMessages]
          : messages.invalid_request;
  return { code, message, retryable: RETRYABLE.has(code) };
}

/** A Stripe.js error (from confirmPayment/confirmSetup) as a friendly, decline-code keyed message. */
export function describeStripeError(
  error: { type?: string; code?: string; decline_code?: string; message?: string },
  declines: DeclineMessages & Record<string, string | undefined>,
  messages: CallErrorMessages,
): Problem {
  const decline = error.decline_code ?? (error.code === 'card_declined' ? 'generic_decline' : error.code);
  if (
    error.code === 'payment_intent_authentication_failure' ||
    error.code === 'setup_intent_authentication_failure'
  ) {
    return { code: error.code, message: declines.authentication_failed, retryable: false };
  }
  // Stripe asks that fraud-type declines never be told apart to the customer: they could help test stolen cards.
  if (isFraudDecline(decline)) {
    return { code: 'card_declined', message: declines.generic_decline, retryable: false };
  }
  const known = decline ? declines[decline] : undefined;
  if (known) return { code: 'card_declined', message: known, retryable: false };
  // Card and validation errors carry Stripe's own customer-facing message; anything else gets a generic one.
  if ((error.type === 'card_error' || error.type === 'validation_error') && error.message) {
    return { code: error.type, message: error.message, retryable: false };
  }
  return { code: 'stripe_error', message: messages.server_error, retryable: true };
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
