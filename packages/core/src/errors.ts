/** Every error code the server answers with, and its HTTP status. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  card_declined: 402,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  upstream_error: 502,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** `network_error` never comes from the server: the client raises it when the request itself failed. */
export type ClientErrorCode = ErrorCode | 'network_error';

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export interface TollboothErrorOptions {
  /** HTTP status; defaults to the code's status from `ERROR_STATUS` (0 for `network_error`). */
  status?: number;
  cause?: unknown;
  /** Seconds the caller should wait before retrying; the server sends it as `Retry-After`. */
  retryAfter?: number;
}

/** The one error type of the kit, on the server (thrown by actions) and in the browser (thrown by the client). */
export class TollboothError extends Error {
  override readonly name = 'TollboothError';
  readonly code: ClientErrorCode;
  readonly status: number;
  /** Seconds to wait before retrying, when the answer says so (`rate_limited`). */
  readonly retryAfter: number | undefined;

  constructor(code: ClientErrorCode, message: string, options: TollboothErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? (code === 'network_error' ? 0 : ERROR_STATUS[code]);
    this.retryAfter = options.retryAfter;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}

/** The code for an HTTP status, for responses that did not carry a Tollbooth error body. */
export function codeForStatus(status: number): ErrorCode {
  for (const [code, s] of Object.entries(ERROR_STATUS)) if (s === status) return code as ErrorCode;
  return status >= 500 ? 'upstream_error' : 'invalid_request';
}
