/**
 * DESIGN's "Customers and stores" over random schedules: Stripe is the source of truth and the store a cache,
 * so wiping the store, restarting an instance, a second instance, bursts of first requests and clock jumps of
 * seconds to days (past Stripe's 24 h idempotency window, and inside search's indexing delay) never give a
 * user a second customer, never put a purchase on another customer, and never hide a user's cards once
 * Stripe's search has indexed their customer. On the memory store and on a real Redis.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { billingWorld, HOUR } from '../../packages/server/test/billing-world';
import { call } from '../../packages/server/test/helpers';
import { closeRedis, freshStore } from './stores';

afterAll(closeRedis);

const USERS = ['u1', 'u2'] as const;
const SEARCH_DELAY_MS = 1000;

type Step =
  | { kind: 'buy'; user: 0 | 1; to: 0 | 1 }
  | { kind: 'burst'; user: 0 | 1 }
  | { kind: 'read'; user: 0 | 1; to: 0 | 1 }
  | { kind: 'wipe' }
  | { kind: 'restart'; to: 0 | 1 }
  | { kind: 'advance'; ms: number };

const index = fc.constantFrom(0 as const, 1 as const);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('buy' as const), user: index, to: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('burst' as const), user: index }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('read' as const), user: index, to: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wipe' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), to: index }) },
  {
    weight: 2,
    // Inside the search delay, just past it, an hour, and past the idempotency window.
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.constantFrom(0, 400, 2 * SEARCH_DELAY_MS, HOUR, 25 * HOUR),
    }),
  },
);

async function scenario(kind: 'memory' | 'redis', steps: Step[]) {
  const w = billingWorld({ searchDelaySeconds: SEARCH_DELAY_MS / 1000 });
  const shared = freshStore(kind, w.now);
  const boot = () => w.instance(shared.store);
  const instances = [boot(), boot()];
  /** When each user's customer appeared in Stripe (simulator clock), once it did. */
  const createdAt = new Map<string, number>();

  const customersOf = async (user: string) =>
    (await w.customersOf()).filter((c) => c.metadata.tollbooth_owner === `user:${user}`);

  /** A SetupIntent through the server (it needs the customer), then a card saved on it, as Stripe.js would. */
  const buy = async (i: 0 | 1, user: string) => {
    const res = await instances[i]!.handle(call('/setup-intents', { body: {}, user }));
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const intent = await w.admin.setupIntents.retrieve(id);
    const [customer, ...more] = await customersOf(user);
    expect(more).toEqual([]);
    // The purchase is on the user's one customer, whatever the store forgot.
    expect(intent.customer).toBe(customer!.id);
    if (!createdAt.has(user)) createdAt.set(user, w.clock.now);
    await w.admin.paymentMethods.attach('pm_card_visa', { customer: customer!.id });
  };

  const read = async (i: 0 | 1, user: string) => {
    const res = await instances[i]!.handle(call('/payment-methods', { user }));
    expect(res.status).toBe(200);
    const seen = ((await res.json()) as { data: Array<{ id: string }> }).data.map((pm) => pm.id).sort();
    const [customer] = await customersOf(user);
    const held = customer
      ? (await w.admin.customers.listPaymentMethods(customer.id, { limit: 100 })).data
          .map((pm) => pm.id)
          .sort()
      : [];
    const since = createdAt.get(user);
    // Reads never create a customer: until search has indexed a new one, an empty store may see nothing.
    if (since !== undefined && w.clock.now - since < SEARCH_DELAY_MS && seen.length === 0) return;
    expect(seen).toEqual(held);
  };

  for (const s of steps) {
    if (s.kind === 'buy') await buy(s.to, USERS[s.user]);
    else if (s.kind === 'burst') {
      // First requests at once on both instances (and a wiped cache for all of them).
      const user = USERS[s.user];
      const responses = await Promise.all(
        [0, 1, 0, 1].map((i) => instances[i]!.handle(call('/setup-intents', { body: {}, user }))),
      );
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      if (!createdAt.has(user)) createdAt.set(user, w.clock.now);
    } else if (s.kind === 'read') await read(s.to, USERS[s.user]);
    else if (s.kind === 'wipe') await shared.wipe();
    else if (s.kind === 'restart') instances[s.to] = boot();
    else w.clock.now += s.ms;
    for (const user of USERS) expect((await customersOf(user)).length).toBeLessThanOrEqual(1);
  }

  // Later, on a restarted instance with a wiped store: every user who bought sees exactly what Stripe holds.
  w.clock.now += 2 * SEARCH_DELAY_MS;
  await shared.wipe();
  instances[0] = boot();
  for (const user of USERS) {
    expect((await customersOf(user)).length).toBe(createdAt.has(user) ? 1 : 0);
    await read(0, user);
  }
  await shared.wipe();
}

describe.each([
  ['memory store', 'memory' as const, 30],
  ['Redis', 'redis' as const, 15],
])('the customer map on the %s', (_, kind, numRuns) => {
  it('over random wipes, restarts, bursts and clock jumps: one customer per user, the same cards', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 15 }), (steps) => scenario(kind, steps)),
      { numRuns },
    );
  });
});
