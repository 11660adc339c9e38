// One fresh process of the cold-start bench: imports what argv[2] names and prints how long it took (ms),
// from after Node's own boot. `full` also splits its time into the import and `createTollbooth`.
import { performance } from 'node:perf_hooks';

const variant = process.argv[2];
const t0 = performance.now();
const out = {};
if (variant === 'stripe') {
  const { default: Stripe } = await import('stripe');
  new Stripe('sk_test_cold');
} else if (variant === 'full') {
  const { default: Stripe } = await import('stripe');
  const stripe = new Stripe('sk_test_cold');
  const t1 = performance.now();
  const { createTollbooth, rbac } = await import('@tollbooth/server');
  const t2 = performance.now();
  createTollbooth({
    stripe,
    getUser: async () => null,
    authorize: rbac({ anonymous: ['catalog.read'] }),
    catalog: { prices: { basic: 'price_cold' } },
    webhooks: { secret: 'whsec_cold', on: {} },
  });
  out.import = t2 - t1;
  out.create = performance.now() - t2;
  // The server loads its schema module (and zod) on the first request that validates a body, not at import:
  // what that first request pays on top, timed after the total above.
  const t3 = performance.now();
  await import('@tollbooth/core/schemas');
  out.schemas = performance.now() - t3;
} else if (variant === 'zod') {
  await import('zod');
} else if (variant === 'zod-core') {
  await import('zod/v4/core');
} else if (variant === 'zod-mini') {
  await import('zod/mini');
} else if (variant === 'core') {
  await import('@tollbooth/core');
} else if (variant === 'schemas') {
  await import('@tollbooth/core/schemas');
} else {
  throw new Error(`cold-child: unknown variant ${variant}`);
}
out.total = performance.now() - t0 - (out.schemas ?? 0);
process.stdout.write(JSON.stringify(out));
