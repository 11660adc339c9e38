import {
  createTollbooth,
  type KeyValueStore,
  memoryStore,
  rbac,
  type TollboothConfig,
} from '@tollbooth/server';
import { recordAudit } from './audit';
import { catalogPrices, readMode } from './env';
import { fulfil, recordRefund } from './orders';
import { SUPPORT_REFUND_LIMIT } from './refund-policy';
import { readSessionFromCookieHeader } from './session';
import { getStripeSetup } from './stripe';

// The customer map and webhook claims must outlive `next dev` reloading this module.
const STORE = Symbol.for('next-store.tollbooth-store');
const holder = globalThis as typeof globalThis & { [STORE]?: KeyValueStore };
holder[STORE] ??= memoryStore();

// Offline, this awaits the simulator's port; a module with top-level await is fine in a Next route handler.
const { stripe, webhookSecret } = await getStripeSetup();

const config = {
  stripe,
  getUser: async (request) => {
    const user = await readSessionFromCookieHeader(request.headers.get('cookie'));
    return user && { id: user.id, email: user.email, roles: user.roles };
  },
  authorize: rbac({
    // Guests may browse and pay; everything tied to a Stripe customer needs a sign-in.
    anonymous: ['catalog.read', 'checkout.create', 'paymentIntent.create'],
    customer: [
      'checkout.*',
      'paymentIntent.create',
      'setupIntent.create',
      'paymentMethods.*',
      'portal.create',
      'subscriptions.*',
      'invoices.list',
      'billing.read',
    ],
    support: {
      // The server passes the PaymentIntent it loaded, so the cap holds against the real charge.
      'refunds.create': ({ input, resource }) => (input.amount ?? resource.amount) <= SUPPORT_REFUND_LIMIT,
    },
    admin: ['*'],
  }),
  catalog: { prices: catalogPrices(readMode()) },
  // The coffee club is a subscription; its members may read the members-only page (app/members).
  plans: {
    visitor: { features: [] },
    club: { prices: ['club'], features: ['members'] },
  } as const,
  webhooks: {
    secret: webhookSecret,
    on: {
      'checkout.session.completed': async (event) => {
        const session = event.data.object;
        if (session.payment_status !== 'paid') return; // setup mode, or a payment still on its way
        const paymentIntent = idOf(session.payment_intent);
        fulfil({
          id: paymentIntent ?? session.id,
          paymentIntent,
          checkoutSession: session.id,
          source: 'checkout',
          amount: session.amount_total ?? 0,
          currency: session.currency ?? 'usd',
          customer: idOf(session.customer),
          userId: session.metadata?.tollbooth_user_id ?? null,
          email: session.customer_details?.email ?? null,
          eventId: event.id,
        });
      },
      'payment_intent.succeeded': async (event) => {
        const intent = event.data.object;
        // Only intents from <PaymentForm> (Tollbooth marks them); Checkout's own intents arrive with their session.
        if (!intent.metadata?.tollbooth_items) return;
        fulfil({
          id: intent.id,
          paymentIntent: intent.id,
          checkoutSession: null,
          source: 'payment_form',
          amount: intent.amount_received || intent.amount,
          currency: intent.currency,
          customer: idOf(intent.customer),
          userId: intent.metadata.tollbooth_user_id ?? null,
          email: intent.receipt_email ?? null,
          eventId: event.id,
        });
      },
      'charge.refunded': async (event) => {
        const charge = event.data.object;
        const paymentIntent = idOf(charge.payment_intent);
        if (paymentIntent) recordRefund(paymentIntent, charge.amount_refunded);
      },
    },
  },
  store: holder[STORE],
  // Roomier than the default (20 a minute) so a demo full of guests on one address keeps working.
  rateLimit: {
    'checkout.create': { limit: 60, windowSeconds: 60 },
    'paymentIntent.create': { limit: 60, windowSeconds: 60 },
    'setupIntent.create': { limit: 60, windowSeconds: 60 },
    'portal.create': { limit: 60, windowSeconds: 60 },
    'refunds.create': { limit: 60, windowSeconds: 60 },
  },
  onAudit: (entry) => recordAudit(entry),
} satisfies TollboothConfig;

export const tollbooth = createTollbooth(config);

/**
 * The same store behind the Pages Router adapter (`pages/api/pages-router/[...tollbooth].ts`), so the tests
 * exercise `createPagesHandler` in a real Next server. An app uses one router or the other, not both.
 */
export const pagesRouterTollbooth = createTollbooth({ ...config, basePath: '/api/pages-router' });

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
