import { HttpResponse, http, type RequestHandler } from 'msw';
import { type Dispatch, DROPPED } from './node-server';

/**
 * msw handlers that answer Stripe's API host and the simulator's own base URL (hosted pages, browser endpoints).
 * A dropped-connection fault becomes `HttpResponse.error()`, which fetch reports as a TypeError.
 */
export function createHandlers(dispatch: Dispatch, baseUrl: string): RequestHandler[] {
  const resolver = async ({ request }: { request: Request }) => {
    const response = await dispatch(request);
    return response === DROPPED ? HttpResponse.error() : response;
  };
  const hosts = ['https://api.stripe.com'];
  const base = baseUrl.replace(/\/+$/, '');
  if (!hosts.includes(base)) hosts.push(base);
  return hosts.map((host) => http.all(`${host}/*`, resolver));
}
