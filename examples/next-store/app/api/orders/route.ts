import { listFulfilments, listOrders } from '@/server/orders';
import { readSessionFromCookieHeader } from '@/server/session';

/** The order book as JSON, for support and admin only (the staff page shows the same). */
export async function GET(request: Request): Promise<Response> {
  const user = await readSessionFromCookieHeader(request.headers.get('cookie'));
  const headers = { 'cache-control': 'no-store' };
  if (!user) {
    return Response.json(
      { error: { code: 'unauthenticated', message: 'Sign in first.' } },
      { status: 401, headers },
    );
  }
  if (!user.roles.some((r) => r === 'support' || r === 'admin')) {
    return Response.json({ error: { code: 'forbidden', message: 'Staff only.' } }, { status: 403, headers });
  }
  const [orders, fulfilments] = await Promise.all([listOrders(), listFulfilments()]);
  return Response.json({ orders, fulfilments }, { headers });
}
