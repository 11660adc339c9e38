import { SimulatorError } from './errors';

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
  /** When it was saved, in seconds on the simulator's clock. */
  savedAt: number;
}

/** Stripe prunes keys once they are at least 24 hours old; a key reused after that runs as a new request. */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 3600;

/** Canonical JSON (sorted keys) so the same params in another order count as the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Stripe's idempotency: keys are scoped per account (every API key of the account shares them; a connected
 * account, named by `Stripe-Account`, has its own); a key replays the first response (status and body) when the
 * method, path and params match, and is a 400 `idempotency_error` when they differ. Keys expire after 24 hours.
 */
export class IdempotencyStore {
  private readonly responses = new Map<string, StoredResponse>();

  /** The key as stored: the account it belongs to, then the client's key. */
  static scope(account: string, key: string): string {
    return `${account}\u0000${key}`;
  }

  static fingerprint(method: string, path: string, params: unknown): string {
    return `${method} ${path} ${canonical(params)}`;
  }

  /** The stored response to replay, or undefined for a new key; throws on a key reused with other params. */
  lookup(account: string, key: string, fingerprint: string, now: number): StoredResponse | undefined {
    const scoped = IdempotencyStore.scope(account, key);
    const stored = this.responses.get(scoped);
    if (stored && now - stored.savedAt >= IDEMPOTENCY_WINDOW_SECONDS) this.responses.delete(scoped);
    if (!stored || !this.responses.has(scoped)) return undefined;
    if (stored.fingerprint !== fingerprint) {
      throw new SimulatorError(400, {
        type: 'idempotency_error',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      });
    }
    return stored;
  }

  save(account: string, key: string, response: StoredResponse): void {
    this.responses.set(IdempotencyStore.scope(account, key), response);
  }

  clear(): void {
    this.responses.clear();
  }
}
