import { backWith, publicUrl, refusal } from '@/server/form-post';
import {
  clearedSessionCookie,
  createSessionValue,
  isDemoLogin,
  readSessionFromCookieHeader,
  sessionCookie,
} from '@/server/session';

/** The demo sign-in: `login=alice|bob|sam|ada`, or `guest` to sign out. Answers 303 back to the page. */
export async function POST(request: Request): Promise<Response> {
  const url = publicUrl(request);
  // A cross-site form could otherwise sign a visitor into another account (login CSRF).
  if (!url || request.headers.get('origin') !== url.origin) {
    return refusal(403, 'forbidden', 'Cross-site sign-in refused.');
  }
  const form = await request.formData().catch(() => null);
  const login = form?.get('login');
  const secure = url.protocol === 'https:';
  let cookie: string;
  // Signing in starts on the user's own billing; "Paying as" picks a team afterwards.
  if (login === 'guest') cookie = clearedSessionCookie(secure);
  else if (isDemoLogin(login)) cookie = sessionCookie(await createSessionValue(login), secure);
  else return refusal(400, 'invalid_request', 'Unknown user.');
  return backWith(request, url, cookie);
}

/** Who is signed in, and whose billing they act on, for scripts and tests. */
export async function GET(request: Request): Promise<Response> {
  const user = await readSessionFromCookieHeader(request.headers.get('cookie'));
  return Response.json(
    { user: user && { login: user.login, id: user.id, roles: user.roles, team: user.team } },
    { headers: { 'cache-control': 'no-store' } },
  );
}
