// The two server sides of the HTTP bench, one instance each per `next start` process, on the zero-cost Stripe.
import { benchTollbooth, handWritten } from '../lib/apps.mjs';
import { zeroCostStripe } from '../lib/zero-stripe.mjs';

export const tollbooth = benchTollbooth({ stripe: zeroCostStripe().stripe });
export const peer = handWritten({ stripe: zeroCostStripe().stripe, basePath: '/api/peer' });

/** What a Server Component reads on the server: the catalog as `GET /catalog` answers it. */
export async function serverCatalog() {
  const response = await tollbooth.handle(new Request('https://shop.example.com/api/tollbooth/catalog'));
  return response.json();
}
