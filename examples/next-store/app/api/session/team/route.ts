import { backWith, publicUrl, refusal } from '@/server/form-post';
import { createSessionValue, readSessionFromCookieHeader, sessionCookie } from '@/server/session';
import { DEMO_TEAMS, isDemoTeam, teamRole } from '@/server/teams';

/**
 * "Paying as": `team=me` for the user's own billing, or a team they belong to (`team=acme`). The choice is
 * written into the signed session cookie, the only place `billingOwner` reads it from. Answers 303 back.
 */
export async function POST(request: Request): Promise<Response> {
  const url = publicUrl(request);
  // A cross-site form could otherwise switch whose billing a visitor's next click acts on.
  if (!url || request.headers.get('origin') !== url.origin) {
    return refusal(403, 'forbidden', 'Cross-site switch refused.');
  }
  const user = await readSessionFromCookieHeader(request.headers.get('cookie'));
  if (!user) return refusal(401, 'unauthenticated', 'Sign in to choose whose billing you act on.');
  const form = await request.formData().catch(() => null);
  const choice = form?.get('team');
  if (choice !== 'me' && !isDemoTeam(choice)) return refusal(400, 'invalid_request', 'Unknown team.');
  const team = choice === 'me' ? null : choice;
  if (team && teamRole(user.login, team) === null) {
    return refusal(403, 'forbidden', `${user.name} is not a member of ${DEMO_TEAMS[team].name}.`);
  }
  const cookie = sessionCookie(
    await createSessionValue(user.login, Date.now(), team),
    url.protocol === 'https:',
  );
  return backWith(request, url, cookie);
}
