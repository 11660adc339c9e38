import { hmacSha256Hex } from '@tollbooth/core/internal/sha256';

/** Options for {@link signWebhook}. */
export interface SignWebhookOptions {
  /** Unix seconds put in `t=`; set it to test tolerance windows. @default now */
  timestamp?: number;
}

/**
 * The `Stripe-Signature` header value Stripe would send for `payload` under a `whsec_…` secret:
 * `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<payload>">`. Verifies with `stripe.webhooks.constructEvent*`.
 */
export function signWebhook(payload: string, secret: string, options: SignWebhookOptions = {}): string {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return `t=${timestamp},v1=${hmacSha256Hex(secret, `${timestamp}.${payload}`)}`;
}
