import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What `tollbooth init` wrote, relative to the app. */
export interface InitResult {
  router: 'app' | 'pages';
  written: string[];
}

const SERVER = `import Stripe from 'stripe';
import { createTollbooth, rbac } from '@tollbooth/server';

export const tollbooth = createTollbooth({
  // Called at the first request, so \`next build\` runs without STRIPE_SECRET_KEY.
  stripe: () => new Stripe(process.env.STRIPE_SECRET_KEY!, { maxNetworkRetries: 2 }),
  // Your auth: return the signed-in user ({ id, email, roles }) or null. Until then everyone is signed out,
  // and deny by default refuses every action but the catalog.
  getUser: async () => null,
  authorize: rbac({
    anonymous: ['catalog.read'],
    customer: ['checkout.*', 'paymentIntent.create', 'setupIntent.create', 'paymentMethods.*', 'portal.create',
      'subscriptions.*', 'invoices.list'],
    admin: ['*'],
  }),
  // Your Stripe price ids, by the keys your components use: <CheckoutButton price="basic" />.
  catalog: { prices: { basic: 'price_REPLACE_ME' } },
  webhooks: {
    secret: process.env.STRIPE_WEBHOOK_SECRET!,
    on: {
      'checkout.session.completed': async (event) => {
        // Fulfil here: webhooks are the only place an order is known to be paid.
        console.log('paid', event.data.object.id);
      },
    },
  },
});
`;

const APP_ROUTE = `import { createRouteHandlers } from '@tollbooth/server/next';
import { tollbooth } from '@/server/tollbooth';

export const { GET, POST, DELETE } = createRouteHandlers(tollbooth);
`;

const PAGES_ROUTE = `import { createPagesHandler } from '@tollbooth/server/next';
import { tollbooth } from '@/server/tollbooth';

// Webhook signatures are checked on the exact bytes Stripe sent: Next must not parse the body.
export const config = { api: { bodyParser: false } };
export default createPagesHandler(tollbooth);
`;

const ENV = `# Stripe keys (Dashboard → Developers → API keys); test-mode keys start with sk_test_ / pk_test_.
STRIPE_SECRET_KEY=
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=
# The signing secret of the webhook endpoint https://<your app>/api/tollbooth/webhooks (whsec_…).
STRIPE_WEBHOOK_SECRET=
`;

/**
 * Writes `server/tollbooth.ts`, the catch-all route (App Router, or Pages Router when the app has only
 * `pages/`) and `.env.example` into an existing Next.js app, under `src/` when the app uses it. Refuses, and
 * writes nothing, when any of them exists.
 */
export function init(cwd: string): InitResult {
  if (!existsSync(join(cwd, 'package.json'))) {
    throw new Error(`no package.json in ${cwd}: run this in your Next.js app's folder.`);
  }
  const src = existsSync(join(cwd, 'src/app')) || existsSync(join(cwd, 'src/pages')) ? 'src/' : '';
  const router =
    !existsSync(join(cwd, `${src}app`)) && existsSync(join(cwd, `${src}pages`)) ? 'pages' : 'app';
  const files: Record<string, string> = {
    [`${src}server/tollbooth.ts`]: SERVER,
    [router === 'app'
      ? `${src}app/api/tollbooth/[...tollbooth]/route.ts`
      : `${src}pages/api/tollbooth/[...tollbooth].ts`]: router === 'app' ? APP_ROUTE : PAGES_ROUTE,
    '.env.example': ENV,
  };
  const existing = Object.keys(files).filter((path) => existsSync(join(cwd, path)));
  if (existing.length > 0) {
    throw new Error(`these files exist and were left alone, nothing was written: ${existing.join(', ')}`);
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(cwd, path)), { recursive: true });
    writeFileSync(join(cwd, path), text, { flag: 'wx' }); // 'wx': never overwrite, even in a race
  }
  return { router, written: Object.keys(files) };
}
