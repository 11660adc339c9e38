/**
 * Runs once when the Next.js server starts (`next dev` and `next start`), before it serves requests. Offline,
 * it starts the Stripe simulator so its port is known before the first page or webhook; with Stripe keys it
 * only checks the environment, so a half-configured deploy fails at boot rather than at the first payment.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return; // no simulator inside `next build`
  const { getStripeSetup } = await import('./server/stripe');
  await getStripeSetup();
}
