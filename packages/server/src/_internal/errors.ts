import { TollboothError } from '@tollbooth/core';

/**
 * Named constructors for the errors actions and the pipeline raise, so one answer (the 404 that hides whether
 * an object exists, the 401 that asks to sign in) reads the same, and is worded the same, everywhere.
 */

/** 404: missing, foreign and malformed all answer this, so existence is never revealed. */
export const notFound = () => new TollboothError('not_found', 'Not found.');

/** 401: no user, and the action needs one (or `authorize` refused an anonymous caller). */
export const unauthenticated = (message = 'Sign in to continue.') =>
  new TollboothError('unauthenticated', message);

/** 403: a signed-in user whom `authorize` refused. */
export const forbidden = (message = 'You are not allowed to do this.') =>
  new TollboothError('forbidden', message);

/** 400: the request cannot be served as sent; the message says which field. */
export const invalidRequest = (message: string) => new TollboothError('invalid_request', message);

/** 409: the object is in a state the action cannot act on. */
export const conflict = (message: string) => new TollboothError('conflict', message);

/** 502: Stripe answered, but not with what the action needs. */
export const upstreamError = (message: string) => new TollboothError('upstream_error', message);

/** 500: a fault on this side; the message says nothing about it. */
export const internalError = () => new TollboothError('internal_error', 'Something went wrong.');

/** 429, with the seconds to wait sent as `Retry-After`. */
export const rateLimited = (message: string, retryAfter: number) =>
  new TollboothError('rate_limited', message, { retryAfter });
