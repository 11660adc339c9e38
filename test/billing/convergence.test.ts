/**
 * The convergence properties of DESIGN's "Billing state and plans" and rule 9, over random delivery schedules:
 * duplicates (also to two instances at once), reorders, delays of hours on the simulator's clock, handlers that
 * throw, runs that crash mid-handler, the Checkout redirect before or after the webhooks, and Stripe changing
 * underneath. On the memory store and on a real Redis:
 *  - every event's handler completes exactly once;
 *  - the final billing state equals what Stripe holds;
 *  - no stored state is ever replaced by an older one.
 */
import type { BillingState } from '@tollbooth/core';
import type { KeyValueStore, WebhookHandlers } from '@tollbooth/server';
import fc from 'fast-check';
import type Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { billingWorld, HOUR } from '../../packages/server/test/billing-world';
import { call } from '../../packages/server/test/helpers';
import { closeRedis, freshStore } from './stores';

afterAll(closeRedis);

/** The event types the app handles; each completion is counted. */
const HANDLED = [
  'checkout.session.completed',
  'customer.created',
  'customer.updated',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.created',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_succeeded',
  'invoice.payment_failed',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
] as const;

type Mode = 'ok' | 'fail' | 'crash' | 'slow';
type Change = 'cancelAtEnd' | 'resume' | 'renew' | 'failCard' | 'fixCard' | 'cancelNow';
type Step =
  | { kind: 'deliver'; pick: number; to: 0 | 1; mode: Mode }
  | { kind: 'duplicate'; pick: number }
  | { kind: 'advance'; hours: number }
  | { kind: 'redirect'; to: 0 | 1 }
  | { kind: 'release' }
  | { kind: 'stripe'; change: Change };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      pick: fc.nat(),
      to: fc.constantFrom(0 as const, 1 as const),
      mode: fc.constantFrom<Mode>('ok', 'ok', 'ok', 'fail', 'crash', 'slow'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 0, max: 3 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('redirect' as const),
      to: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('stripe' as const),
      change: fc.constantFrom<Change>('cancelAtEnd', 'resume', 'renew', 'failCard', 'fixCard', 'cancelNow'),
    }),
  },
);

const withoutTime = ({ syncedAt: _, ...rest }: BillingState) => rest;
const same = (a: BillingState, b: BillingState) =>
  JSON.stringify(withoutTime(a)) === JSON.stringify(withoutTime(b));

/** Every billing record a store accepted, in order. */
function observed(store: KeyValueStore) {
  const writes: BillingState[] = [];
  const log = (key: string, value: string, ok: boolean) => {
    if (ok && /:billing:cus_/.test(key)) writes.push((JSON.parse(value) as { state: BillingState }).state);
    return ok;
  };
  const wrapped: KeyValueStore = {
    ...store,
    get: (k) => store.get(k),
    delete: (k) => store.delete(k),
    increment: (k, t) => store.increment(k, t),
    compareAndDelete: (k, e) => store.compareAndDelete(k, e),
    set: async (k, v, o) => log(k, v, await store.set(k, v, o)),
    compareAndSet: async (k, e, v, o) => log(k, v, await store.compareAndSet(k, e, v, o)),
  };
  return { store: wrapped, writes };
}

async function scenario(kind: 'memory' | 'redis', steps: Step[]) {
  const w = billingWorld();
  const shared = freshStore(kind, w.now);
  const { store, writes } = observed(shared.store);
  const completions = new Map<string, number>();
  // Each delivery carries its own mode in the event's `request.id`, so a mode can only ever act on the run of
  // the delivery it was drawn for (a mode keyed by event id leaked into later runs of that event: a 'crash'
  // drawn for a delivery refused with 409 hung the next run of the event forever).
  const modes = new Map<string, Mode>();
  let deliveries = 0;
  const send = (i: 0 | 1, event: Stripe.Event, mode: Mode = 'ok') => {
    const id = `req_delivery${++deliveries}`;
    modes.set(id, mode);
    return w.deliver(instances[i]!, { ...event, request: { id, idempotency_key: null } });
  };
  const never = new Promise<void>(() => {});
  const handler = async (event: Stripe.Event) => {
    const mode = modes.get(event.request?.id ?? '') ?? 'ok'; // 'slow' is slow in its Stripe read, not here
    if (mode === 'fail') throw new Error('the app’s database is down');
    if (mode === 'crash') await never; // the process dies here: no answer, no release, only the lease remains
    completions.set(event.id, (completions.get(event.id) ?? 0) + 1);
  };
  const on = Object.fromEntries(HANDLED.map((type) => [type, handler])) as WebhookHandlers;
  // A 'slow' delivery's Stripe read is answered now but reaches the server only at the next 'release': an old
  // read that lands after newer ones.
  let holdNextRead: (() => void) | null = null;
  const gates: Array<() => void> = [];
  const slowRuns: Promise<unknown>[] = [];
  const stripe = w.serverStripe(async (request, response) => {
    if (holdNextRead && new URL(request.url).pathname === '/v1/subscriptions') {
      holdNextRead();
      holdNextRead = null;
      await new Promise<void>((resolve) => gates.push(resolve));
    }
    return response;
  });
  // Instances with a held read: their later syncs of this customer queue behind it, so the schedule goes on
  // without waiting for them (they finish at the release).
  const held = new Set<number>();
  const release = async () => {
    for (const open of gates.splice(0)) open();
    await Promise.all(slowRuns.splice(0));
    held.clear();
  };
  const settle = async (i: number, pending: Promise<unknown>) => {
    if (held.has(i)) slowRuns.push(pending);
    else await pending;
  };
  const boot = () => w.instance(store, { stripe, webhooks: { secret: 'whsec_test_secret_1', on } });
  const instances = [boot(), boot()];

  const session = await w.subscribe(instances[0]!, 'u1');
  const [sub] = (await w.admin.subscriptions.list({ limit: 1 })).data;
  const subId = sub!.id;
  const customer = sub!.customer as string;
  const oracle = w.instance(freshStore('memory', w.now).store);
  const history: BillingState[] = [await oracle.sync(customer)];

  const change = async (what: Change) => {
    const current = await w.admin.subscriptions.retrieve(subId);
    if (current.status === 'canceled') return;
    if (what === 'cancelAtEnd' || what === 'resume')
      await w.admin.subscriptions.update(subId, { cancel_at_period_end: what === 'cancelAtEnd' });
    else if (what === 'failCard' || what === 'fixCard') {
      const card = what === 'failCard' ? 'pm_card_authenticationRequired' : 'pm_card_visa';
      const pm = await w.admin.paymentMethods.attach(card, { customer });
      await w.admin.subscriptions.update(subId, { default_payment_method: pm.id });
    } else if (what === 'renew') w.sim.renewSubscription(subId);
    else await w.admin.subscriptions.cancel(subId);
    history.push(await oracle.sync(customer));
  };

  const deliverTo = async (i: 0 | 1, event: Stripe.Event, mode: Mode) => {
    // An instance whose read is held already queues this one behind it: nothing more to hold.
    if (mode === 'slow' && held.has(i)) return settle(i, send(i, event));
    if (mode === 'slow') {
      const reached = new Promise<void>((resolve) => {
        holdNextRead = resolve;
      });
      const pending = send(i, event, mode);
      slowRuns.push(pending);
      // An event that is already done (or leased) reads nothing: then there is nothing to hold.
      const holding = await Promise.race([reached.then(() => true), pending.then(() => false)]);
      holdNextRead = null;
      if (holding) held.add(i);
      return;
    }
    const pending = send(i, event, mode);
    if (mode !== 'crash') return settle(i, pending);
    // Give the run time to reach the handler, then the instance is gone; a new one takes its place.
    await new Promise((r) => setTimeout(r, 5));
    instances[i] = boot();
    held.delete(i);
  };

  for (const s of steps) {
    const events = w.sim.events;
    if (s.kind === 'deliver') await deliverTo(s.to, events[s.pick % events.length]!, s.mode);
    else if (s.kind === 'duplicate') {
      const event = events[s.pick % events.length]!;
      await Promise.all([settle(0, send(0, event)), settle(1, send(1, event))]);
    } else if (s.kind === 'advance') w.clock.now += s.hours * HOUR;
    else if (s.kind === 'redirect')
      await settle(s.to, instances[s.to]!.handle(call(`/checkout/${session}`, { user: 'u1' })));
    else if (s.kind === 'release') await release();
    else await change(s.change);
  }
  await release();

  // Stripe keeps retrying until every event was acknowledged; crashed runs' leases lapse first.
  w.clock.now += 61_000;
  for (const event of w.sim.events) {
    const res = await send(0, event);
    expect([event.type, res.status]).toEqual([event.type, 200]);
  }

  for (const event of w.sim.events) {
    if ((HANDLED as readonly string[]).includes(event.type))
      expect([event.id, completions.get(event.id)]).toEqual([event.id, 1]);
  }
  const final = await instances[0]!.billing({ id: 'u1' });
  const truth = await w.instance(freshStore('memory', w.now).store).sync(customer);
  expect(withoutTime(final)).toEqual(withoutTime(truth));
  expect(same(history.at(-1)!, truth)).toBe(true);
  // Each write equals some state Stripe held, never one older than the write before it.
  let floor = 0;
  for (const written of writes) {
    const at = history.findIndex((state, i) => i >= floor && same(state, written));
    expect(at, `a write went back in time: ${JSON.stringify(written)}`).toBeGreaterThanOrEqual(0);
    floor = at;
  }
  await shared.wipe();
}

describe.each([
  ['memory store', 'memory' as const, 40],
  ['Redis', 'redis' as const, 20],
])('billing converges on the %s', (_, kind, numRuns) => {
  it('over random delivery schedules: exactly once, equal to Stripe, never backwards', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), (steps) => scenario(kind, steps)),
      // A schedule that never ends fails as a counterexample with its seed, not as the whole test's timeout.
      { numRuns, timeout: 60_000 },
    );
  });
});
