/**
 * Stripe answers the simulator does not produce on demand (card declines on a server call), injected between
 * the real SDK and the simulator through the SDK's own `httpClient` option. Everything else passes through.
 */
import Stripe from 'stripe';

export interface Injection {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
}

export interface Injector {
  inject(injection: Injection): void;
  pending(): number;
  /** Pass as the SDK's `httpClient`. */
  httpClient: NonNullable<Stripe.StripeConfig['httpClient']>;
}

export function createInjector(): Injector {
  const queue: Injection[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const index = queue.findIndex((i) => i.method === method && i.path.test(url.pathname));
    if (index >= 0) {
      const [hit] = queue.splice(index, 1);
      return new Response(JSON.stringify(hit?.body), {
        status: hit?.status,
        // A Stripe request id on the answer: the server must not pass it on.
        headers: { 'content-type': 'application/json', 'request-id': 'req_injectedLeak12345' },
      });
    }
    return fetch(input, init);
  };
  return {
    inject: (injection: Injection) => {
      queue.push(injection);
    },
    pending: () => queue.length,
    httpClient: Stripe.createFetchHttpClient(fetchFn),
  };
}
