import { SimulatorError } from './errors';

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
}

/** Stripe keeps a key for at least 24 hours; after that the same key is a new request. */
const WINDOW_MS = 24 * 60 * 60 * 1000;

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
 * Stripe's idempotency: keys are scoped per API key; a key replays the first response (status and body) when the
 * method, path and params match, and is a 400 `idempotency_error` when they differ.
 */
export class IdempotencyStore {
  private readonly responses = new Map<string, StoredResponse & { savedAt: number }>();

  /** `now` is the simulator's clock, so a test can step past the 24 h window. */
  constructor(private readonly now: () => number = Date.now) {}

  private static scope(apiKey: string, key: string): string {
    return `${apiKey}\u0000${key}`;
  }

  static fingerprint(method: string, path: string, params: unknown): string {
    return `${method} ${path} ${canonical(params)}`;
  }

  /** The stored response to replay, or undefined for a new key; throws on a key reused with other params. */
  lookup(apiKey: string, key: string, fingerprint: string): StoredResponse | undefined {
    const stored = this.responses.get(IdempotencyStore.scope(apiKey, key));
    if (!stored) return undefined;
    if (this.now() - stored.savedAt >= WINDOW_MS) {
      this.responses.delete(IdempotencyStore.scope(apiKey, key));
      return undefined;
    }
    if (stored.fingerprint !== fingerprint) {
      throw new SimulatorError(400, {
        type: 'idempotency_error',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      });
    }
    return stored;
  }

  save(apiKey: string, key: string, response: StoredResponse): void {
    this.responses.set(IdempotencyStore.scope(apiKey, key), { ...response, savedAt: this.now() });
  }

  clear(): void {
    this.responses.clear();
  }
}
