import { advanceDemoClock } from '@/server/demo-clock';
import { publicOrigins, readMode } from '@/server/env';
import { readSessionFromCookieHeader } from '@/server/session';
import { getStripeSetup } from '@/server/stripe';
import { tollbooth } from '@/server/tollbooth';

/**
 * The demo-only clock control (`POST`, a form on /account): moves the signed-in user's Stripe test clock on a
 * month, so the renewal and a scheduled downgrade happen now. 404 with real Stripe keys. Answers 303 back to
 * /account, where the webhooks the simulator sent have brought the plan line and invoices along.
 */
export async function POST(request: Request): Promise<Response> {
  const mode = readMode();
  if (mode.kind !== 'simulator') return refuse(404, 'not_found', 'No such route.');
  // A cross-site form must not spend a visitor's demo month.
  if (!publicOrigins().includes(request.headers.get('origin') ?? '')) {
    return refuse(403, 'forbidden', 'Cross-site request refused.');
  }
  const user = await readSessionFromCookieHeader(request.headers.get('cookie'));
  if (!user) return refuse(401, 'unauthenticated', 'Sign in to move your clock.');
  const state = await tollbooth.billing({ id: user.id, email: user.email, roles: user.roles });
  const { stripe } = await getStripeSetup();
  const result = await advanceDemoClock(mode, stripe, state.subscription?.id ?? null);
  if (result.kind === 'refused') return refuse(result.status, 'conflict', result.message);
  return new Response(null, { status: 303, headers: { location: '/account' } });
}

function refuse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}
