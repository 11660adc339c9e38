/** What the demo's plain-form routes (sign-in, "Paying as") share: the public URL, the origin check, the way back. */

/** Next's `request.url` names the address Next listens on; the Host header is what the browser asked for. */
export function publicUrl(request: Request): URL | null {
  const own = new URL(request.url);
  try {
    return new URL(own.pathname, `${own.protocol}//${request.headers.get('host') ?? own.host}`);
  } catch {
    return null;
  }
}

/** A JSON refusal in the shape Tollbooth's routes use. */
export function refusal(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/** 303 back to the page the form was on, setting `cookie`. */
export function backWith(request: Request, url: URL, cookie: string): Response {
  return new Response(null, {
    status: 303,
    headers: { location: backTo(request, url), 'set-cookie': cookie },
  });
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
