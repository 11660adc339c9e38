import type Stripe from 'stripe';
import { noSuchResource } from './errors';
import type { FormParams } from './form';
import { newId } from './ids';
import type { SimInvoice, SimObject, SimObjects, SimObjectType } from './types';

/** How Stripe names a type in `No such …` errors, where it differs from the `object` value. */
const KIND_NAMES: Partial<Record<SimObjectType, string>> = {
  payment_method: 'PaymentMethod',
  promotion_code: 'promotion code',
};

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
  readonly objects = new Map<string, SimObject>();
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

  put<T extends SimObject>(object: T): T {
    if (!this.order.has(object.id)) this.order.set(object.id, this.sequence++);
    this.objects.set(object.id, object);
    return object;
  }

  /**
   * Loads an object of `type` or throws Stripe's `resource_missing` (404 for an id in the URL, 400 for one in the
   * body: `param` names where the id came from).
   */
  get<K extends SimObjectType>(type: K, id: unknown, param = 'id'): SimObjects[K] {
    const found = this.find(type, id);
    if (!found) throw noSuchResource(KIND_NAMES[type] ?? type, String(id ?? ''), param);
    return found;
  }

  find<K extends SimObjectType>(type: K, id: unknown): SimObjects[K] | undefined {
    const found = typeof id === 'string' ? this.objects.get(id) : undefined;
    return found && isOfType(found, type) ? found : undefined;
  }

  /** All objects of a type, newest first (Stripe's list order). */
  all<K extends SimObjectType>(
    type: K,
    filter: (object: SimObjects[K]) => boolean = () => true,
  ): SimObjects[K][] {
    const out: SimObjects[K][] = [];
    for (const object of this.objects.values()) {
      if (isOfType(object, type) && filter(object)) out.push(object);
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

  /**
   * Records an Event of `type` with a snapshot of `object` (and changed fields), then hands it to delivery. An
   * upcoming invoice (`invoice.upcoming`) is the one object Stripe sends without an id.
   */
  emit(
    type: Stripe.Event.Type,
    object: SimObject | Omit<SimInvoice, 'id'>,
    previousAttributes?: object,
  ): Stripe.Event {
    // Stripe.Event is a union discriminated by `type`; one event built from a runtime `type` cannot name its member.
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: this.options.apiVersion,
      created: this.now(),
      data: {
        object: structuredClone(object),
        ...(previousAttributes ? { previous_attributes: structuredClone(previousAttributes) } : {}),
      },
      livemode: false,
      pending_webhooks: 0,
      request: this.current
        ? { id: this.current.id, idempotency_key: this.current.idempotencyKey ?? null }
        : { id: null, idempotency_key: null },
      type,
    } as Stripe.Event;
    this.put(event);
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

/** Narrows a stored object to the map entry of `type` (the `object` field is the discriminator). */
function isOfType<K extends SimObjectType>(object: SimObject, type: K): object is SimObjects[K] {
  return object.object === type;
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
