import type Stripe from 'stripe';
import { signWebhook } from './sign-webhook';

/** Where and how the simulator delivers events. */
export interface WebhookOptions {
  /** The endpoint to POST events to. */
  url: string;
  /** The endpoint's signing secret; deliveries carry a `Stripe-Signature` made with it. */
  secret: `whsec_${string}`;
  /** The fetch used to deliver (e.g. one that calls your route handler directly). @default globalThis.fetch */
  fetch?: (request: Request) => Promise<Response>;
  /** Attempts per event, the first included; Stripe retries for days, tests need a bound. @default 4 */
  maxAttempts?: number;
  /** Delay before the first retry, doubled for each later one; set it low in tests. @default 1000 */
  backoffMs?: number;
  /** Deliver as events happen; `false` queues them until `sim.webhooks.release()` or `deliver(id)`. @default true */
  autoDeliver?: boolean;
}

/** One delivery attempt, as `sim.webhooks.deliveries` records it. */
export interface WebhookDelivery {
  eventId: string;
  type: string;
  attempt: number;
  /** The endpoint's HTTP status, or `null` when the request failed. */
  status: number | null;
  ok: boolean;
  error?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delivers signed events. First attempts go out one after another, in event order (unless held and released in
 * another order); a failed attempt is retried with exponential backoff without blocking later events.
 */
export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();
  private chain: Promise<void> = Promise.resolve();
  private held: Stripe.Event[] = [];
  private holding: boolean;

  constructor(
    private readonly options: WebhookOptions | undefined,
    private readonly lookup: (id: string) => Stripe.Event | undefined,
  ) {
    this.holding = options?.autoDeliver === false;
  }

  get configured(): boolean {
    return !!this.options;
  }

  /** Called for each new event. */
  enqueue(event: Stripe.Event): void {
    if (!this.options) return;
    (event as { pending_webhooks: number }).pending_webhooks = 1;
    if (this.holding) this.held.push(event);
    else this.schedule(event, 1);
  }

  /** Delivers an event now (again), plus `duplicate` extra copies: Stripe may deliver an event more than once. */
  async deliver(eventId: string, options: { duplicate?: number } = {}): Promise<void> {
    const event = this.lookup(eventId);
    if (!event) throw new Error(`No such event: '${eventId}'`);
    if (!this.options) throw new Error('No webhook endpoint configured: pass `webhook: { url, secret }`.');
    this.held = this.held.filter((held) => held.id !== eventId);
    for (let copy = 0; copy <= (options.duplicate ?? 0); copy++) this.schedule(event, 1);
    await this.flush();
  }

  /** Queue new events instead of delivering them. */
  hold(): void {
    this.holding = true;
  }

  /** Delivers held events, in event order or reversed (to test out-of-order handling), and resumes delivery. */
  async release(options: { reverse?: boolean } = {}): Promise<void> {
    const events = options.reverse ? [...this.held].reverse() : this.held;
    this.held = [];
    this.holding = false;
    for (const event of events) this.schedule(event, 1);
    await this.flush();
  }

  /** Events waiting in the hold queue. */
  get queued(): readonly Stripe.Event[] {
    return this.held;
  }

  /** Resolves once every delivery in flight, retries included, has finished. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  reset(): void {
    this.deliveries.length = 0;
    this.held = [];
    this.holding = this.options?.autoDeliver === false;
  }

  private schedule(event: Stripe.Event, attempt: number, delayMs = 0): void {
    const run = async () => {
      if (delayMs) await sleep(delayMs);
      await this.attempt(event, attempt);
    };
    // First attempts keep event order; retries run on their own timers.
    let task: Promise<void>;
    if (attempt === 1) {
      this.chain = this.chain.then(run, run);
      task = this.chain;
    } else task = run();
    const tracked = task.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private async attempt(event: Stripe.Event, attempt: number): Promise<void> {
    const options = this.options!;
    const payload = JSON.stringify(event, null, 2);
    let status: number | null = null;
    let error: string | undefined;
    try {
      // Built inside the try: a malformed URL is a failed delivery, never an unhandled rejection.
      const request = new Request(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': signWebhook(payload, options.secret),
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
      });
      const response = await (options.fetch ?? globalThis.fetch)(request);
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    const ok = status !== null && status >= 200 && status < 300;
    this.deliveries.push({
      eventId: event.id,
      type: event.type,
      attempt,
      status,
      ok,
      ...(error ? { error } : {}),
    });
    if (ok) {
      (event as { pending_webhooks: number }).pending_webhooks = 0;
      return;
    }
    if (attempt < (options.maxAttempts ?? 4)) {
      this.schedule(event, attempt + 1, (options.backoffMs ?? 1000) * 2 ** (attempt - 1));
    }
  }
}
