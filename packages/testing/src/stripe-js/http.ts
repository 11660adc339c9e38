import type { StripeError } from '@stripe/stripe-js';

/** Talks to the simulator's browser-facing API the way Stripe.js talks to api.stripe.com. */
export interface SimulatorHttp {
  /** Form-encoded call with the publishable key, like Stripe.js's own API calls. */
  api(method: 'GET' | 'POST', path: string, params?: Record<string, unknown>): Promise<HttpResult>;
  /** JSON call to a `/_simulator/*` endpoint (the 3-D Secure page, the embedded checkout page). */
  json(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpResult>;
}

export type HttpResult = { ok: true; body: Record<string, unknown> } | { ok: false; error: StripeError };

/** Encodes nested params the way Stripe's API reads them: `a[b][c]=v`, arrays as `a[0]=v`. */
export function formEncode(params: Record<string, unknown>): string {
  const out = new URLSearchParams();
  const add = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) add(`${key}[${i}]`, v);
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) add(`${key}[${k}]`, v);
    } else {
      out.append(key, String(value));
    }
  };
  for (const [k, v] of Object.entries(params)) add(k, v);
  return out.toString();
}

/** `pi_123_secret_abc` → `pi_123`, as Stripe.js derives the id it confirms. */
export function intentIdFromSecret(clientSecret: string): string | null {
  const at = clientSecret.indexOf('_secret_');
  return at > 0 ? clientSecret.slice(0, at) : null;
}

const connectionError = (cause: unknown): StripeError => ({
  type: 'api_connection_error',
  message: `Could not reach the Stripe simulator: ${cause instanceof Error ? cause.message : String(cause)}`,
});

async function read(response: Response): Promise<HttpResult> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A non-JSON body is reported below as an api_error with the status.
  }
  const record = (body ?? {}) as Record<string, unknown>;
  if (response.ok) return { ok: true, body: record };
  const error = record.error as StripeError | undefined;
  return {
    ok: false,
    error: error?.type ? error : { type: 'api_error', message: `The simulator answered ${response.status}.` },
  };
}

export function createSimulatorHttp(options: {
  simulatorUrl: string;
  publishableKey: string;
  fetch: typeof fetch;
}): SimulatorHttp {
  const base = options.simulatorUrl.replace(/\/+$/, '');
  const auth = { authorization: `Bearer ${options.publishableKey}` };
  const send = async (url: string, init: RequestInit): Promise<HttpResult> => {
    try {
      return await read(await options.fetch(url, init));
    } catch (cause) {
      return { ok: false, error: connectionError(cause) };
    }
  };
  return {
    api(method, path, params = {}) {
      const encoded = formEncode(params);
      if (method === 'GET') {
        return send(`${base}${path}${encoded ? `?${encoded}` : ''}`, { method, headers: auth });
      }
      return send(`${base}${path}`, {
        method,
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: encoded,
      });
    },
    json(method, path, body) {
      return send(`${base}${path}`, {
        method,
        headers: body === undefined ? auth : { ...auth, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
  };
}
