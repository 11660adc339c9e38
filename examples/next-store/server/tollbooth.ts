import { METADATA_KEYS } from '@tollbooth/core';
import { createTollbooth, orgBillingPolicy, rbac, type TollboothConfig } from '@tollbooth/server';
import { recordAudit } from './audit';
import { PRODUCTS } from './catalog';
import { catalogPrices, publicOrigins, readMode } from './env';
import { fulfil, type OrderItem, recordRefund } from './orders';
import { SUPPORT_REFUND_LIMIT } from './refund-policy';
import { readSessionFromCookieHeader } from './session';
import { appStore } from './store';
import { getStripeSetup } from './stripe';
import { ownerOf } from './teams';

// Offline, this awaits the simulator's port; a module with top-level await is fine in a Next route handler.
const { stripe, webhookSecret } = await getStripeSetup();

const config = {
  stripe,
  getUser: async (request) => {
    const user = await readSessionFromCookieHeader(request.headers.get('cookie'));
    return user && { id: user.id, email: user.email, roles: user.roles };
  },
  // "Paying as" (components/paying-as.tsx): the team in the signed session, if the user is still its member.
  billingOwner: async (_user, request) => {
    const user = await readSessionFromCookieHeader(request.headers.get('cookie'));
    return user && ownerOf(user);
  },
  authorize: rbac(
    {
      // Self-service by owner role only: `personal` for one's own billing, `org:billing_admin` for a team's,
      // `org:member` reads the team's plan and nothing else (packages/server README, "Billing owners").
      ...orgBillingPolicy(),
      // Guests may browse and pay once; a subscription (and everything tied to a Stripe customer) needs an
      // account, or the guest could never manage or cancel it: they get a 401, which the page turns into
      // "sign in to subscribe".
      anonymous: {
        'catalog.read': true,
        'checkout.create': ({ input }) => input.mode !== 'subscription',
        'paymentIntent.create': true,
      },
      support: {
        // The server passes the PaymentIntent it loaded with its charge, and serialises refunds of one payment, so
        // the cap holds on the total refunded, against the real charge, however the refunds are split or raced.
        'refunds.create': ({ input, resource }) => {
          const refunded = resource.latest_charge?.amount_refunded ?? 0;
          return refunded + (input.amount ?? resource.amount_received - refunded) <= SUPPORT_REFUND_LIMIT;
        },
      },
      admin: ['*'],
    },
    // Signed-in users get the guest rules through `personal`, never on a team: a member paying "once" as the
    // team would be offered the team's saved cards at Checkout.
    { inheritAnonymous: false },
  ),
  catalog: { prices: catalogPrices(readMode()) },
  // Where the store is served: the only origins writes come from and redirects go to (never the Host header).
  origins: publicOrigins(),
  // The coffee club is a subscription in two tiers; members of either may read the members-only page
  // (app/members). A member moves between them on the account page: up at once, down at the period end.
  plans: {
    visitor: { features: [] },
    club: { prices: ['club'], features: ['members'] },
    clubPlus: { prices: ['clubPlus'], features: ['members', 'first-pick'] },
  } as const,
  webhooks: {
    secret: webhookSecret,
    on: {
      'checkout.session.completed': async (event) => {
        const session = event.data.object;
        if (session.payment_status !== 'paid') return; // setup mode, or a payment still on its way
        const paymentIntent = idOf(session.payment_intent);
        // The event carries no line items; one more read names what was bought.
        const lines = await stripe.checkout.sessions.listLineItems(session.id, { limit: 100 });
        await fulfil({
          id: paymentIntent ?? session.id,
          paymentIntent,
          checkoutSession: session.id,
          source: 'checkout',
          items: lines.data.map((line) => ({
            name: line.description ?? 'Item',
            quantity: line.quantity ?? 1,
          })),
          amount: session.amount_total ?? 0,
          currency: session.currency ?? 'usd',
          customer: idOf(session.customer),
          userId: session.metadata?.[METADATA_KEYS.userId] ?? null,
          email: session.customer_details?.email ?? null,
          eventId: event.id,
        });
      },
      'payment_intent.succeeded': async (event) => {
        const intent = event.data.object;
        // Only intents from <PaymentForm> (Tollbooth marks them); Checkout's own intents arrive with their session.
        const items = intent.metadata?.[METADATA_KEYS.items];
        if (!items) return;
        await fulfil({
          id: intent.id,
          paymentIntent: intent.id,
          checkoutSession: null,
          source: 'payment_form',
          items: itemsFromMetadata(items),
          amount: intent.amount_received || intent.amount,
          currency: intent.currency,
          customer: idOf(intent.customer),
          userId: intent.metadata[METADATA_KEYS.userId] ?? null,
          email: intent.receipt_email ?? null,
          eventId: event.id,
        });
      },
      'charge.refunded': async (event) => {
        const charge = event.data.object;
        const paymentIntent = idOf(charge.payment_intent);
        if (paymentIntent) await recordRefund(paymentIntent, charge.amount_refunded);
      },
    },
  },
  // The customer map, webhook leases and billing records share the order book's store: Redis when REDIS_URL is
  // set, so a restart or a second instance loses nothing (server/store.ts).
  store: appStore(),
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

/** Tollbooth's `tollbooth_items` metadata (`mugx2,totex1`: catalog keys only) as named lines. */
function itemsFromMetadata(value: string): OrderItem[] {
  return value.split(',').flatMap((part) => {
    const [, key, quantity] = /^(.+)x(\d+)$/.exec(part) ?? [];
    const product = PRODUCTS.find((p) => p.key === key);
    return product ? [{ name: product.name, quantity: Number(quantity) }] : [];
  });
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
