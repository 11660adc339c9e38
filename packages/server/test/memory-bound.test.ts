import { createStripeSimulator } from '@tollbooth/testing';
import { describe, expect, it } from 'vitest';
import { createTollbooth, memoryStore } from '../src/index';
import { BASE, call, recordingStripe, sign, testConfig, WHSEC } from './helpers';
import { PRICES } from './sim';

/**
 * Issue #10: the embedded store must stay bounded under any traffic. 100k requests of the patterns that each
 * leave a key behind (anonymous callers on rotating addresses, unique idempotency keys, unique event ids): the
 * store never holds more than its cap, and expired keys go once their time has passed. Counted, not timed.
 */
describe('memoryStore under 100k mixed requests', () => {
  it('never holds more than its caps, loses no done marker to other traffic, and sweeps what expired', async () => {
    let now = 1_800_000_000_000;
    const maxKeys = 20_000;
    const maxDurableKeys = 40_000; // every event's done marker fits: none may be pushed out by the rest
    const store = memoryStore({ now: () => now, maxKeys, maxDurableKeys });
    let handled = 0;
    const sim = createStripeSimulator({ prices: PRICES, now: () => now });
    const { config } = testConfig({
      stripe: recordingStripe((request) => sim.fetch(request)).stripe,
      store,
      now: () => now,
      rateLimit: { 'catalog.read': { limit: 5, windowSeconds: 60 } },
      trustProxy: (request: Request) => request.headers.get('x-test-address'),
      webhooks: {
        secret: WHSEC,
        on: {
          'checkout.session.completed': () => {
            handled++;
          },
        },
      },
    });
    const tollbooth = createTollbooth(config);
    let peak = 0;
    const at = (i: number) => ({ 'x-test-address': `2001:db8:${i.toString(16)}::1` }); // a new /64 each time;
    const webhook = async (i: number) => {
      const body = JSON.stringify({
        id: `evt_${i}`,
        object: 'event',
        type: 'checkout.session.completed',
        created: Math.floor(now / 1000),
        data: { object: { id: `cs_${i}`, object: 'checkout.session' } },
      });
      const signature = await sign(body, WHSEC, Math.floor(now / 1000));
      return new Request(`${BASE}/webhooks`, {
        method: 'POST',
        headers: { 'stripe-signature': signature },
        body,
      });
    };
    for (let i = 0; i < 100_000; i++) {
      const kind = i % 3;
      let request: Request;
      if (kind === 0) request = call('/catalog', { headers: at(i) });
      else if (kind === 1)
        request = call('/payment-intents', {
          body: { items: [{ price: 'basic', quantity: 1 }] },
          idempotencyKey: `key-${i}`,
          headers: at(i),
        });
      else request = await webhook(i);
      await tollbooth.handle(request);
      peak = Math.max(peak, store.size);
      if (i % 1000 === 999) now += 1000; // about 17 minutes of traffic
    }
    expect(handled).toBe(33_333);
    expect(peak).toBeLessThanOrEqual(maxKeys + maxDurableKeys);
    expect(peak).toBe(maxKeys + 33_333); // the other traffic did push its tier to the cap
    // The first event's done marker outlived 66k anonymous keys: its late duplicate is not handled again.
    const again = await tollbooth.handle(await webhook(2));
    expect(again.status).toBe(200);
    expect(handled).toBe(33_333);
    // Rate-limit windows and cached prices expire; a sweep on the next write drops them. Done webhook markers
    // (kept 7 days) stay.
    now += 10 * 60 * 1000;
    await store.set('tick', '1');
    expect(store.size).toBeLessThan(maxKeys + 33_333);
  }, 300_000);
});
