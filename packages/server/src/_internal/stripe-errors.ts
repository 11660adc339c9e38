import { isFraudDecline, TollboothError } from '@tollbooth/core';
import type { TollboothLogger } from '../types';
import { notFound } from './errors';

/** Seconds a caller should wait after Stripe itself answered 429 (Stripe sends no Retry-After). */
const UPSTREAM_RETRY_AFTER_SECONDS = 1;

interface StripeLikeError {
  type?: unknown;
  code?: unknown;
  decline_code?: unknown;
  message?: unknown;
  statusCode?: unknown;
}

function isStripeError(error: unknown): error is StripeLikeError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as StripeLikeError).type === 'string' &&
    ((error as StripeLikeError).type as string).startsWith('Stripe')
  );
}

/**
 * The one error mapper: any error thrown while serving a request becomes the TollboothError it answers with.
 * A TollboothError passes as is; an unknown error is a logged 500. Stripe errors are recognised by their `type`
 * (the SDK is not imported at runtime); the original is kept as `cause` (never serialised) and messages are
 * ours, except a card decline's user-facing message.
 */
export function toTollboothError(error: unknown, logger: TollboothLogger, requestId: string): TollboothError {
  if (error instanceof TollboothError) return error;
  if (!isStripeError(error)) {
    logger.error('tollbooth: unexpected error', {
      requestId,
      name: error instanceof Error ? error.name : typeof error,
    });
    return new TollboothError('internal_error', 'Something went wrong.', { cause: error });
  }
  const type = error.type as string;
  const code = typeof error.code === 'string' ? error.code : undefined;
  const fields = { requestId, type, code, status: error.statusCode };
  switch (type) {
    case 'StripeAuthenticationError':
      // A revoked, rolled or mistyped secret key: every request fails until an operator fixes it.
      logger.error('tollbooth: Stripe rejected the API key (revoked, rolled or wrong mode?)', fields);
      return new TollboothError(
        'upstream_error',
        'Payments are unavailable: the server could not authenticate with the payment provider.',
        { cause: error },
      );
    case 'StripePermissionError':
      // A restricted key without the permission this action needs.
      logger.error('tollbooth: the Stripe API key lacks a permission this action needs', fields);
      return new TollboothError(
        'upstream_error',
        'Payments are unavailable: the server is not permitted to do this with the payment provider.',
        { cause: error },
      );
  }
  logger.warn('tollbooth: stripe error', fields);
  if (error.statusCode === 409 || code === 'idempotency_key_in_use') {
    // Stripe's answer to a second request with a key whose first request is still running (ten parallel
    // duplicates); stripe-node calls it a StripeAPIError. The caller's retry gets the first one's result.
    return new TollboothError('conflict', 'An identical request is still in progress. Retry in a moment.', {
      cause: error,
    });
  }
  switch (type) {
    case 'StripeCardError': {
      const decline = typeof error.decline_code === 'string' ? error.decline_code : undefined;
      // Both fields: Stripe puts the reason in `decline_code` for card declines, in `code` for some others.
      const fraud = isFraudDecline(decline) || isFraudDecline(code);
      const message =
        !fraud && typeof error.message === 'string' && error.message.length < 300
          ? error.message
          : 'Your card was declined.';
      return new TollboothError('card_declined', message, { cause: error });
    }
    case 'StripeIdempotencyError':
      return new TollboothError(
        'conflict',
        'This request conflicts with an earlier one that used the same idempotency key.',
        { cause: error },
      );
    case 'StripeRateLimitError':
      return new TollboothError('rate_limited', 'The payment provider is busy. Retry in a moment.', {
        cause: error,
        retryAfter: UPSTREAM_RETRY_AFTER_SECONDS,
      });
    case 'StripeInvalidRequestError':
      if (code === 'resource_missing') {
        return new TollboothError('not_found', 'Not found.', { cause: error });
      }
      return new TollboothError('invalid_request', 'The payment provider rejected this request.', {
        cause: error,
      });
    default:
      // Connection and API errors: the caller cannot fix them, a retry may.
      return new TollboothError('upstream_error', 'The payment provider could not be reached. Retry later.', {
        cause: error,
      });
  }
}

/** True when a Stripe call failed because the object does not exist. */
export function isMissing(error: unknown): boolean {
  return (
    isStripeError(error) && error.type === 'StripeInvalidRequestError' && error.code === 'resource_missing'
  );
}

/** For `.catch` on a Stripe retrieve: a missing object is the same 404 as a foreign one; anything else rethrows. */
export function missingAsNotFound(error: unknown): never {
  throw isMissing(error) ? notFound() : error;
}
