// The profiled process: POST /payment-intents through Tollbooth on the zero-cost Stripe, nothing else, so
// the CPU profile (`--cpu-prof`) shows only that path.
import { benchTollbooth, requests, roundTrip } from './apps.mjs';
import { zeroCostStripe } from './zero-stripe.mjs';

const tollbooth = benchTollbooth({ stripe: zeroCostStripe().stripe });
const count = Number(process.argv[2] ?? 5000);
for (let i = 0; i < 500; i++) await roundTrip(tollbooth, requests.paymentIntent(i), 200);
// The profile's clock (V8's monotonic ticks, µs): samples before this mark are start-up and warm-up.
process.stdout.write(String(process.hrtime.bigint() / 1000n));
for (let i = 500; i < 500 + count; i++) await roundTrip(tollbooth, requests.paymentIntent(i), 200);
