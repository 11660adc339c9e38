/**
 * Two apps (`appId` "shop" and "blog") on one Stripe account and one store, the memory store and a real Redis:
 * over random interleavings of purchases (and refused second subscriptions) by the same user ids, webhooks delivered to both apps, wiped stores and
 * clock jumps, a user of one app never sees, buys on or is billed for the other app's customer of the same id.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { billingWorld, HOUR } from '../../packages/server/test/billing-world';
import { call } from '../../packages/server/test/helpers';
import { closeRedis, freshStore } from './stores';

afterAll(closeRedis);

const APPS = ['shop', 'blog'] as const;
const USERS = ['42', '7'] as const;

type Step =
  | { kind: 'buy'; app: 0 | 1; user: 0 | 1 }
  | { kind: 'deliver' }
  | { kind: 'wipe' }
  | { kind: 'advance'; ms: number };

const index = fc.constantFrom(0 as const, 1 as const);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('buy' as const), app: index, user: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deliver' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wipe' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.constantFrom(400, 2000, 25 * HOUR),
    }),
  },
);

async function scenario(kind: 'memory' | 'redis', steps: Step[]) {
  const w = billingWorld();
  const shared = freshStore(kind, w.now);
  const apps = APPS.map((appId) => w.instance(shared.store, { appId }));
  const bought = new Map<string, number>();
  const tag = (app: number, user: string) => `${APPS[app]}/${user}`;
  let delivered = 0;

  const deliverAll = async () => {
    for (const event of w.sim.events.slice(delivered)) {
      for (const app of apps) expect((await w.deliver(app, event)).status).toBe(200);
    }
    delivered = w.sim.events.length;
  };

  for (const s of steps) {
    if (s.kind === 'buy') {
      const key = tag(s.app, USERS[s.user]);
      // One plan subscription per owner (issue #15): a second subscribe in the same app is a 409 and makes
      // nothing, also after a wipe; the same user id in the other app subscribes on its own customer.
      if (bought.has(key)) await expect(w.subscribe(apps[s.app]!, USERS[s.user])).rejects.toThrow(/\b409\b/);
      else {
        await w.subscribe(apps[s.app]!, USERS[s.user]);
        bought.set(key, 1);
      }
    } else if (s.kind === 'deliver') await deliverAll();
    else if (s.kind === 'wipe') await shared.wipe();
    else w.clock.now += s.ms;
  }
  await deliverAll();
  w.clock.now += 2000; // past search's indexing delay: a wiped store finds every customer again

  for (const [a, appId] of APPS.entries()) {
    const customers = await w.customersOf(appId);
    for (const user of USERS) {
      const expected = bought.get(tag(a, user)) ?? 0;
      // One customer per (app, user), made by that app.
      const own = customers.filter((c) => c.metadata.tollbooth_owner === `user:${user}`);
      expect(own).toHaveLength(expected > 0 ? 1 : 0);
      const res = await apps[a]!.handle(call('/subscriptions', { user }));
      const { data } = (await res.json()) as { data: Array<{ id: string }> };
      expect([appId, user, data.length]).toEqual([appId, user, expected]);
      const state = await apps[a]!.billing({ id: user });
      expect([appId, user, state.status]).toEqual([appId, user, expected > 0 ? 'active' : 'none']);
      if (own[0]) {
        // Every subscription listed is on this app's customer.
        const held = await w.admin.subscriptions.list({ customer: own[0].id, limit: 100 });
        expect(data.map((sub) => sub.id).sort()).toEqual(held.data.map((sub) => sub.id).sort());
      }
    }
  }
  await shared.wipe();
}

describe.each([
  ['memory store', 'memory' as const, 20],
  ['Redis', 'redis' as const, 10],
])('two appIds on one Stripe account and one %s', (_, kind, numRuns) => {
  it('user "42" of one app never sees or touches user "42" of the other', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), (steps) => scenario(kind, steps)),
      { numRuns },
    );
  });
});
