// One side of the memory bench, in its own `--expose-gc` process: a mix of requests with nothing repeated
// (rotating anonymous addresses, unique idempotency keys, unique event ids), heap measured after full GCs.
import { benchTollbooth, handWritten, requests, roundTrip } from './apps.mjs';
import { signedEvents, webhookRequest } from './events.mjs';
import { zeroCostStripe } from './zero-stripe.mjs';

if (typeof globalThis.gc !== 'function') throw new Error('memory-child: run with --expose-gc');
const side = process.argv[2];
const checkpoints = process.argv[3].split(',').map(Number);
const { stripe } = zeroCostStripe();
const handler = side === 'tollbooth' ? benchTollbooth({ stripe }) : handWritten({ stripe });

// A /16 of addresses, one per request until it wraps: each anonymous caller is new.
const address = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
async function one(i) {
  switch (i % 4) {
    case 0:
      return roundTrip(handler, requests.catalog(i, { address: address(i) }), 200);
    case 1:
      return roundTrip(handler, requests.paymentIntent(i), 200);
    case 2:
      return roundTrip(handler, webhookRequest(signedEvents(1, `m${i}`)[0]), 200);
    default:
      return roundTrip(handler, requests.paymentIntent(i, { cookie: null, address: address(i) }), 401);
  }
}

async function heap() {
  // Two passes with a turn of the event loop between: finalizers and weak callbacks run after the first.
  globalThis.gc();
  await new Promise((resolve) => setImmediate(resolve));
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

for (let i = 0; i < 2000; i++) await one(i); // warm-up: caches filled, code compiled
const out = { base: await heap(), at: {} };
let done = 0;
for (const target of checkpoints) {
  for (; done < target; done++) await one(2000 + done);
  out.at[target] = await heap();
}
process.stdout.write(JSON.stringify(out));
