// The profiled process: one route through Tollbooth on the zero-cost Stripe, nothing else, so the CPU
// profile (`--cpu-prof`) shows only that path. argv: route (a key of ROUTES), request count.
import { benchTollbooth, requests, roundTrip } from './apps.mjs';
import { zeroCostStripe } from './zero-stripe.mjs';

const ROUTES = {
  'payment-intents': [requests.paymentIntent, 200],
  unauthenticated: [requests.unauthenticated, 401],
  catalog: [requests.catalog, 200],
};
const [make, status] = ROUTES[process.argv[2]];
const count = Number(process.argv[3]);
const tollbooth = benchTollbooth({ stripe: zeroCostStripe().stripe });
for (let i = 0; i < 500; i++) await roundTrip(tollbooth, make(i), status);
// The profile's clock (V8's monotonic ticks, µs): samples before this mark are start-up and warm-up.
process.stdout.write(String(process.hrtime.bigint() / 1000n));
for (let i = 500; i < 500 + count; i++) await roundTrip(tollbooth, make(i), status);
