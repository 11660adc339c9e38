/**
 * `@tollbooth/testing/msw`: the simulator served through msw, so the default `new Stripe(key)` (which calls
 * `https://api.stripe.com`) and the Stripe.js stand-in reach it without a port. msw is an optional peer: only
 * this entry imports it, so apps without msw, or on another major, install the rest of the kit cleanly.
 */
import { HttpResponse, http, type RequestHandler } from 'msw';
import type { StripeSimulator } from './simulator/create-simulator';

/**
 * msw handlers for `https://api.stripe.com/*` and `sim.baseUrl/*`. Call it after `sim.listen()` when the
 * simulator listens too, since `listen()` may set `baseUrl`. A dropped-connection fault becomes
 * `HttpResponse.error()`, which fetch reports as a `TypeError`, as a real network failure.
 */
export function simulatorHandlers(sim: Pick<StripeSimulator, 'fetch' | 'baseUrl'>): RequestHandler[] {
  const resolver = async ({ request }: { request: Request }) => {
    try {
      return await sim.fetch(request);
    } catch (error) {
      // sim.fetch throws a TypeError only for an injected dropped connection; anything else is a bug to surface.
      if (error instanceof TypeError) return HttpResponse.error();
      throw error;
    }
  };
  const hosts = ['https://api.stripe.com'];
  const base = sim.baseUrl.replace(/\/+$/, '');
  if (!hosts.includes(base)) hosts.push(base);
  return hosts.map((host) => http.all(`${host}/*`, resolver));
}
