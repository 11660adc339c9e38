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
    return Response.json(
      { error: { code: 'forbidden', message: 'Cross-site sign-in refused.' } },
      { status: 403 },
    );
  }
  const form = await request.formData().catch(() => null);
  const login = form?.get('login');
  const secure = url.protocol === 'https:';
  let cookie: string;
  if (login === 'guest') cookie = clearedSessionCookie(secure);
  else if (isDemoLogin(login)) cookie = sessionCookie(await createSessionValue(login), secure);
  else
    return Response.json({ error: { code: 'invalid_request', message: 'Unknown user.' } }, { status: 400 });
  return new Response(null, {
    status: 303,
    headers: { location: backTo(request, url), 'set-cookie': cookie },
  });
}

/** Who is signed in, for scripts and tests. */
export async function GET(request: Request): Promise<Response> {
  const user = await readSessionFromCookieHeader(request.headers.get('cookie'));
  return Response.json(
    { user: user && { login: user.login, id: user.id, roles: user.roles } },
    { headers: { 'cache-control': 'no-store' } },
  );
}

/** Next's `request.url` names the address Next listens on; the Host header is what the browser asked for. */
function publicUrl(request: Request): URL | null {
  const own = new URL(request.url);
  try {
    return new URL(own.pathname, `${own.protocol}//${request.headers.get('host') ?? own.host}`);
  } catch {
    return null;
  }
}

/** Back to the page the form was on, when that page is on this site; the home page otherwise. */
function backTo(request: Request, url: URL): string {
  try {
    const referer = new URL(request.headers.get('referer') ?? '/', url);
    if (referer.origin === url.origin) return `${referer.pathname}${referer.search}`;
  } catch {
    // an unparsable Referer: go home
  }
  return '/';
}
