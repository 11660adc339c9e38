/**
 * The store's own order book, filled only by verified Stripe webhooks (never by the browser saying "paid").
 * In-process memory is enough for a demo; a real shop writes these rows to its database.
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

interface OrderBook {
  orders: Map<string, Order>;
  /** Every fulfilment that ran, so a test (and the staff page) can show that none ran twice. */
  fulfilments: Array<{ orderId: string; eventId: string }>;
}

const KEY = Symbol.for('next-store.orders');
type Holder = typeof globalThis & { [KEY]?: OrderBook };

function book(): OrderBook {
  const holder = globalThis as Holder;
  holder[KEY] ??= { orders: new Map(), fulfilments: [] };
  return holder[KEY];
}

/**
 * Records a paid order once. Tollbooth already drops a repeated event id; this check also covers two different
 * events about one payment (`checkout.session.completed` and `payment_intent.succeeded` for the same intent).
 */
export function fulfil(order: Omit<Order, 'amountRefunded' | 'fulfilledAt'>): boolean {
  const { orders, fulfilments } = book();
  if (orders.has(order.id)) {
    const known = orders.get(order.id)!;
    // The Checkout event knows the session; keep that link when it arrives second.
    if (!known.checkoutSession && order.checkoutSession) known.checkoutSession = order.checkoutSession;
    return false;
  }
  orders.set(order.id, { ...order, amountRefunded: 0, fulfilledAt: new Date().toISOString() });
  fulfilments.push({ orderId: order.id, eventId: order.eventId });
  return true;
}

/** Keeps the refunded amount the staff page shows in step with Stripe. */
export function recordRefund(paymentIntent: string, amountRefunded: number): void {
  for (const order of book().orders.values()) {
    if (order.paymentIntent === paymentIntent)
      order.amountRefunded = Math.max(order.amountRefunded, amountRefunded);
  }
}

/** Newest first. */
export function listOrders(): Order[] {
  return [...book().orders.values()].reverse();
}

/** One customer's orders, newest first: the account page's order history. */
export function listOrdersOf(userId: string): Order[] {
  return listOrders().filter((order) => order.userId === userId);
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

export function listFulfilments(): ReadonlyArray<{ orderId: string; eventId: string }> {
  return [...book().fulfilments];
}
