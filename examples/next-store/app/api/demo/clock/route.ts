import { advanceDemoClock } from '@/server/demo-clock';
import { publicOrigins, readMode } from '@/server/env';
import { refusal as refuse } from '@/server/form-post';
import { readSessionFromCookieHeader } from '@/server/session';
import { getStripeSetup } from '@/server/stripe';
import { ownerOf } from '@/server/teams';
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
  // Paying as a team: the team's clock, and only its billing admins may spend a month of it.
  const owner = ownerOf(user);
  if (owner && owner.role !== 'billing_admin') {
    return refuse(403, 'forbidden', "Only the team's billing admins may move its clock.");
  }
  const state = await tollbooth.billing(owner ?? { id: user.id });
  const { stripe } = await getStripeSetup();
  const result = await advanceDemoClock(mode, stripe, state.subscription?.id ?? null);
  if (result.kind === 'refused') return refuse(result.status, 'conflict', result.message);
  return new Response(null, { status: 303, headers: { location: '/account' } });
}
