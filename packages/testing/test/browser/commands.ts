import Stripe from 'stripe';
import type { BrowserCommand } from 'vitest/node';

/**
 * Node-side helpers the browser tests call through `commands` from 'vitest/browser': they arrange and
 * inspect the simulator's state with the real `stripe` SDK and a secret key, which never reaches the page.
 */
function stripeFor(url: string): Stripe {
  const { hostname, port, protocol } = new URL(url);
  return new Stripe('sk_test_tollbooth_browser', {
    host: hostname,
    port: Number(port),
    protocol: protocol.replace(':', '') as 'http',
    maxNetworkRetries: 0,
  });
}

const withStripe =
  <A extends unknown[], R>(run: (stripe: Stripe, ...args: A) => Promise<R>): BrowserCommand<A> =>
  (ctx, ...args) => {
    const { simulatorUrl } = ctx.project.getProvidedContext();
    return run(stripeFor(simulatorUrl), ...args);
  };

export const simulatorCommands = {
  /** Imports the stand-in in Node through the project's Vite server and server-renders it. */
  serverRender: (async (ctx) => {
    const { simulatorUrl } = ctx.project.getProvidedContext();
    const module = await ctx.project.import<typeof import('./server-render')>(
      './test/browser/server-render.tsx',
    );
    return module.serverRender(simulatorUrl);
  }) satisfies BrowserCommand<[]>,
  createPaymentIntent: withStripe(async (stripe, amount: number, currency: string) => {
    const intent = await stripe.paymentIntents.create({
      amount,
      currency,
      automatic_payment_methods: { enabled: true },
    });
    return { id: intent.id, clientSecret: intent.client_secret as string };
  }),
  retrievePaymentIntent: withStripe(async (stripe, id: string) => {
    const intent = await stripe.paymentIntents.retrieve(id);
    return { status: intent.status, lastErrorCode: intent.last_payment_error?.code ?? null };
  }),
  createSetupIntent: withStripe(async (stripe) => {
    const customer = await stripe.customers.create({ email: 'setup@example.com' });
    const intent = await stripe.setupIntents.create({
      customer: customer.id,
      automatic_payment_methods: { enabled: true },
      usage: 'off_session',
    });
    return { id: intent.id, clientSecret: intent.client_secret as string, customer: customer.id };
  }),
  listCards: withStripe(async (stripe, customer: string) => {
    const list = await stripe.customers.listPaymentMethods(customer, { limit: 100 });
    return list.data.map((pm) => ({ id: pm.id, last4: pm.card?.last4 ?? null }));
  }),
  createEmbeddedCheckoutSession: withStripe(async (stripe, price: string) => {
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      ui_mode: 'embedded_page',
      line_items: [{ price, quantity: 2 }],
      return_url: 'http://localhost/return?session_id={CHECKOUT_SESSION_ID}',
    });
    return { id: session.id, clientSecret: session.client_secret as string };
  }),
  retrieveCheckoutSession: withStripe(async (stripe, id: string) => {
    const session = await stripe.checkout.sessions.retrieve(id);
    return { status: session.status, paymentStatus: session.payment_status };
  }),
};

type Commands = typeof simulatorCommands;
type Client<C> = {
  [K in keyof C]: C[K] extends BrowserCommand<infer A> ? (...args: A) => ReturnType<C[K]> : never;
};

declare module 'vitest' {
  export interface ProvidedContext {
    simulatorUrl: string;
  }
}

declare module 'vitest/browser' {
  interface BrowserCommands extends Client<Commands> {}
}
