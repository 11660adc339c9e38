import type Stripe from 'stripe';
import { noSuchResource } from './errors';
import type { FormParams } from './form';
import { newId } from './ids';

/** Any stored Stripe object: every one has an id and an `object` discriminator. */
export interface StoredObject {
  id: string;
  object: string;
  created?: number;
  [key: string]: unknown;
}

/** The request being served, so events record `request: { id, idempotency_key }` like Stripe's. */
export interface CurrentRequest {
  id: string;
  idempotencyKey?: string;
}

/**
 * The in-memory Stripe account: every object by id (insertion-ordered, which is what lists page through),
 * hidden per-object data Stripe keeps server-side (card numbers, 3-D Secure state), and the event hook.
 */
export class Engine {
  readonly objects = new Map<string, StoredObject>();
  readonly hidden = new Map<string, Record<string, unknown>>();
  current: CurrentRequest | null = null;
  /** Called whenever a PaymentIntent succeeds (invoices use it to mark themselves paid). */
  readonly paymentSucceeded: Array<(paymentIntentId: string) => void> = [];
  /** Called with every new event before delivery (customer search indexes from them). */
  readonly eventRecorded: Array<(event: Stripe.Event) => void> = [];
  /** A test clock's frozen time (seconds) while its objects are served or billed; `now()` answers it. */
  frozenTime: number | null = null;
  /** Inside `simulate()`: events are recorded on the scratch copy and never delivered. */
  private simulating = false;
  private sequence = 0;
  private readonly order = new Map<string, number>();

  constructor(
    readonly options: {
      baseUrl: () => string;
      now: () => number;
      onEvent: (event: Stripe.Event) => void;
      apiVersion: string;
    },
  ) {}

  now(): number {
    return this.frozenTime ?? this.clockNow();
  }

  /** The simulator's own clock (seconds), ignoring any test clock. */
  clockNow(): number {
    return Math.floor(this.options.now() / 1000);
  }

  /** Runs `fn` with `now()` answering `time` (a test clock's frozen time), then restores the previous time. */
  at<T>(time: number | null, fn: () => T): T {
    const previous = this.frozenTime;
    this.frozenTime = time;
    try {
      return fn();
    } finally {
      this.frozenTime = previous;
    }
  }

  /**
   * Runs `fn` on a scratch copy of the account, then puts the real one back: nothing it changes survives and its
   * events are never delivered. `fn` must look objects up by id (references from outside point at the originals).
   * Invoice previews run the real update this way, so a preview always equals the applied change.
   */
  simulate<T>(fn: () => T): T {
    const objects = new Map(this.objects);
    const hidden = new Map(this.hidden);
    const order = new Map(this.order);
    const sequence = this.sequence;
    const simulating = this.simulating;
    this.replace(this.objects, structuredClone(objects));
    this.replace(this.hidden, structuredClone(hidden));
    this.simulating = true;
    try {
      return structuredClone(fn());
    } finally {
      this.simulating = simulating;
      this.replace(this.objects, objects);
      this.replace(this.hidden, hidden);
      this.replace(this.order, order);
      this.sequence = sequence;
    }
  }

  private replace<K, V>(target: Map<K, V>, source: Map<K, V>): void {
    target.clear();
    for (const [key, value] of source) target.set(key, value);
  }

  baseUrl(): string {
    return this.options.baseUrl();
  }

  put<T extends { id: string; object: string }>(object: T): T {
    if (!this.order.has(object.id)) this.order.set(object.id, this.sequence++);
    this.objects.set(object.id, object as unknown as StoredObject);
    return object;
  }

  /** Loads an object of one `object` type or throws Stripe's 404 `resource_missing`. */
  get<T>(objectType: string, id: unknown, kind: string, param = 'id'): T {
    const found = typeof id === 'string' ? this.objects.get(id) : undefined;
    if (!found || found.object !== objectType) throw noSuchResource(kind, String(id ?? ''), param);
    return found as unknown as T;
  }

  find<T>(objectType: string, id: unknown): T | undefined {
    const found = typeof id === 'string' ? this.objects.get(id) : undefined;
    return found && found.object === objectType ? (found as unknown as T) : undefined;
  }

  /** All objects of a type, newest first (Stripe's list order). */
  all<T>(objectType: string, filter: (object: T) => boolean = () => true): T[] {
    const out: T[] = [];
    for (const object of this.objects.values()) {
      if (object.object === objectType && filter(object as unknown as T)) out.push(object as unknown as T);
    }
    return out.reverse();
  }

  delete(id: string): void {
    this.objects.delete(id);
    this.hidden.delete(id);
  }

  secret<T extends object>(id: string): T {
    let data = this.hidden.get(id);
    if (!data) {
      data = {};
      this.hidden.set(id, data);
    }
    return data as T;
  }

  /** Records an Event of `type` with a snapshot of `object` (and changed fields), then hands it to delivery. */
  emit(type: string, object: unknown, previousAttributes?: Record<string, unknown>): Stripe.Event {
    const data: Record<string, unknown> = { object: structuredClone(object) };
    if (previousAttributes) data.previous_attributes = structuredClone(previousAttributes);
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: this.options.apiVersion,
      created: this.now(),
      data,
      livemode: false,
      pending_webhooks: 0,
      request: this.current
        ? { id: this.current.id, idempotency_key: this.current.idempotencyKey ?? null }
        : { id: null, idempotency_key: null },
      type,
    } as unknown as Stripe.Event;
    this.put(event as unknown as StoredObject);
    if (this.simulating) return event;
    for (const listener of this.eventRecorded) listener(event);
    this.options.onEvent(event);
    return event;
  }

  clear(): void {
    this.objects.clear();
    this.hidden.clear();
    this.order.clear();
  }
}

/** What a route handler receives. */
export interface RequestContext {
  engine: Engine;
  params: FormParams;
  path: Record<string, string>;
  apiKey: string;
  /** True for `pk_…` keys: only client-secret routes accept them. */
  publishable: boolean;
}
