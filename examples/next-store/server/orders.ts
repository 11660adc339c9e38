import type { KeyValueStore } from '@tollbooth/server';
import { appStore } from './store';

/**
 * The store's own order book, filled only by verified Stripe webhooks (never by the browser saying "paid"). It
 * lives in the app's `KeyValueStore` (Redis when `REDIS_URL` is set), so an order survives a restart and every
 * instance lists the same ones; a real shop writes these rows to its database.
 */
export interface Order {
  /** The PaymentIntent id when there is one (one-time payments), else the Checkout Session id. */
  id: string;
  paymentIntent: string | null;
  checkoutSession: string | null;
  source: 'payment_form' | 'checkout';
  amount: number;
  currency: string;
  customer: string | null;
  /** The app user who paid, when Tollbooth knew one (`metadata.tollbooth_user_id`). */
  userId: string | null;
  email: string | null;
  /** What was bought, in the shop's words ("Enamel mug"), for the customer's and the staff's lists. */
  items: OrderItem[];
  amountRefunded: number;
  /** ISO 8601. */
  fulfilledAt: string;
  /** The event that fulfilled the order. */
  eventId: string;
}

export interface OrderItem {
  name: string;
  quantity: number;
}

export interface Fulfilment {
  orderId: string;
  eventId: string;
}

const orderKey = (id: string) => `orders:order:${id}`;
/** The ids in the order they were first seen: the store has no listing, so the book keeps its own. */
const INDEX = 'orders:index';
/** Every fulfilment that ran, so a test (and the staff page) can show that none ran twice. */
const FULFILMENTS = 'orders:fulfilments';
/** Writers that lost this many compare-and-sets in a row give up: the webhook answers 500 and Stripe retries. */
const MAX_ROUNDS = 16;

/**
 * Rewrites the JSON at `key` with `change` (which returns `undefined` to leave it), atomically: another
 * instance writing in between makes this one read again, so no update is lost.
 */
async function update<T>(
  store: KeyValueStore,
  key: string,
  change: (value: T | null) => T | undefined,
): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = await store.get(key);
    const next = change(before === null ? null : (JSON.parse(before) as T));
    if (next === undefined) return;
    const json = JSON.stringify(next);
    const written =
      before === null
        ? await store.set(key, json, { ifAbsent: true })
        : await store.compareAndSet(key, before, json);
    if (written) return;
  }
  throw new Error(`next-store: ${key} kept changing; giving up so the webhook is retried.`);
}

const appendOnce = (id: string) => (ids: string[] | null) =>
  ids?.includes(id) ? undefined : [...(ids ?? []), id];

/**
 * Records a paid order once, across instances. Tollbooth already runs a repeated event id once; the
 * `ifAbsent` write also covers two different events about one payment (`checkout.session.completed` and
 * `payment_intent.succeeded` for the same intent) racing on two instances. The id goes into the index first,
 * so a crash between the two writes leaves nothing unlisted once Stripe retries the event.
 */
export async function fulfil(
  order: Omit<Order, 'amountRefunded' | 'fulfilledAt'>,
  store: KeyValueStore = appStore(),
): Promise<boolean> {
  await update(store, INDEX, appendOnce(order.id));
  const row: Order = { ...order, amountRefunded: 0, fulfilledAt: new Date().toISOString() };
  if (await store.set(orderKey(order.id), JSON.stringify(row), { ifAbsent: true })) {
    await update<Fulfilment[]>(store, FULFILMENTS, (log) => [
      ...(log ?? []),
      { orderId: order.id, eventId: order.eventId },
    ]);
    return true;
  }
  // The Checkout event knows the session; keep that link when it arrives second.
  if (order.checkoutSession) {
    const session = order.checkoutSession;
    await update<Order>(store, orderKey(order.id), (known) =>
      known && !known.checkoutSession ? { ...known, checkoutSession: session } : undefined,
    );
  }
  return false;
}

/** Keeps the refunded amount the staff page shows in step with Stripe (events may arrive in any order). */
export async function recordRefund(
  paymentIntent: string,
  amountRefunded: number,
  store: KeyValueStore = appStore(),
): Promise<void> {
  // A payment's order is keyed by its PaymentIntent.
  await update<Order>(store, orderKey(paymentIntent), (known) =>
    known && amountRefunded > known.amountRefunded ? { ...known, amountRefunded } : undefined,
  );
}

/** Newest first. */
export async function listOrders(store: KeyValueStore = appStore()): Promise<Order[]> {
  const ids = JSON.parse((await store.get(INDEX)) ?? '[]') as string[];
  const rows = await Promise.all(ids.map((id) => store.get(orderKey(id))));
  return rows.flatMap((raw) => (raw === null ? [] : [JSON.parse(raw) as Order])).reverse();
}

/** One customer's orders, newest first: the account page's order history. */
export async function listOrdersOf(userId: string, store: KeyValueStore = appStore()): Promise<Order[]> {
  return (await listOrders(store)).filter((order) => order.userId === userId);
}

export async function listFulfilments(store: KeyValueStore = appStore()): Promise<Fulfilment[]> {
  return JSON.parse((await store.get(FULFILMENTS)) ?? '[]') as Fulfilment[];
}

/** A paid order's state in a shopper's words. */
export function orderState(order: Pick<Order, 'amount' | 'amountRefunded'>): string {
  if (order.amountRefunded <= 0) return 'Paid';
  return order.amountRefunded >= order.amount ? 'Refunded' : 'Partly refunded';
}

/** "2 × Enamel mug, 1 × Canvas tote". */
export function describeItems(items: readonly OrderItem[]): string {
  return items.map((item) => `${item.quantity} × ${item.name}`).join(', ') || 'Order';
}
