import type { BillingSeats, BillingState } from '@tollbooth/core';
import type Stripe from 'stripe';
import { conflict } from '../_internal/errors';
import { sha256Hex } from '../_internal/http';
import { checkOwner, ownerKey } from '../_internal/owner';
import type { Runtime } from '../_internal/runtime';
import { stripeNowOf } from '../plan-changes/clock';
import { withLock } from '../plan-changes/lock';
import type { BillingOwner } from '../types';
import { noneState } from './state';
import { syncBilling } from './sync';

/** The most seats one subscription item may be given; Stripe's own quantity ceiling is far higher. */
const MAX_SEATS = 100_000;
/** Statuses whose subscription still bills seats. */
const BILLING = new Set(['trialing', 'active', 'past_due', 'unpaid', 'incomplete']);

const usedKey = (owner: BillingOwner) => `seats-used:${ownerKey(owner)}`;

/** `billing(owner)`'s seats: used (as `setSeats` last recorded), paid (the live subscription's quantity), limit. */
export async function seatsOf(rt: Runtime, owner: BillingOwner, state: BillingState): Promise<BillingSeats> {
  const used = Number.parseInt((await rt.store.get(usedKey(owner))) ?? '', 10);
  const live = state.subscription !== null && BILLING.has(state.subscription.status);
  return {
    used: Number.isInteger(used) ? used : null,
    paid: live ? (state.subscription?.quantity ?? 0) : 0,
    limit: state.limits.seats ?? null,
  };
}

function refuseOverLimit(state: BillingState, quantity: number): void {
  const limit = state.limits.seats;
  if (limit !== undefined && quantity > limit) {
    const plan = state.plan === null ? 'This plan' : `The ${state.plan} plan`;
    throw conflict(`${plan} allows ${limit} seats; ${quantity} were asked for. Upgrade the plan first.`);
  }
}

/** The plan subscription's seat item: the item priced in a plan, else the only one. */
function seatItem(rt: Runtime, sub: Stripe.Subscription): Stripe.SubscriptionItem | undefined {
  return sub.items.data.find((i) => rt.plans.byPriceId.has(i.price.id)) ?? sub.items.data[0];
}

/**
 * One seat change under the subscription's plan-change lock (so it never races a plan change or another
 * instance's seat change): the state read fresh, the limit checked against it, and the quantity written with
 * proration invoiced at once, at Stripe's "now" for the subscription, as `invoices.createPreview` prices it.
 */
async function apply(rt: Runtime, owner: BillingOwner, quantity: number): Promise<BillingState> {
  const customer = await rt.customers.find(owner);
  const before = customer === null ? noneState(rt.plans, null) : await syncBilling(rt, customer);
  refuseOverLimit(before, quantity);
  const live = before.subscription !== null && BILLING.has(before.subscription.status);
  if (customer === null || !live || before.subscription === null) return before;
  const subscriptionId = before.subscription.id;
  return withLock(rt, `plan-change:${subscriptionId}`, async () => {
    const sub = await rt.stripe.subscriptions.retrieve(subscriptionId);
    const item = seatItem(rt, sub);
    if (!item || (item.quantity ?? 1) === quantity) return syncBilling(rt, customer);
    const prorationDate = await stripeNowOf(rt, sub, item);
    const parts = [rt.appId, ownerKey(owner), sub.id, item.id, item.quantity ?? 1, quantity, prorationDate];
    const digest = await sha256Hex(JSON.stringify(['tollbooth/v1', 'seats', ...parts]));
    await rt.stripe.subscriptions.update(
      sub.id,
      {
        items: [{ id: item.id, quantity }],
        proration_behavior: 'always_invoice',
        proration_date: prorationDate,
      },
      { idempotencyKey: `tollbooth-seats-${digest}` },
    );
    return syncBilling(rt, customer);
  });
}

interface Queue {
  /** The last call's work; the next call's work starts after it. */
  tail: Promise<unknown>;
  /** The call made last: a call still waiting when a later one arrives leaves the work to it. */
  latest: Promise<BillingState>;
}

const queues = new WeakMap<Runtime, Map<string, Queue>>();

/**
 * `tollbooth.setSeats(owner, quantity)`. Calls for one owner run one after another; a call that has not
 * started when a later one arrives writes nothing and answers with the later one's result, so parallel calls
 * end at the quantity of the last one called (and a burst of joins is one prorated update). Idempotent: the
 * same quantity again changes nothing in Stripe.
 */
export function setSeats(rt: Runtime, ownerArg: BillingOwner, quantity: number): Promise<BillingState> {
  let owner: BillingOwner;
  try {
    owner = checkOwner(ownerArg, 'tollbooth.setSeats(owner)');
  } catch (error) {
    return Promise.reject(error);
  }
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_SEATS) {
    return Promise.reject(new TypeError(`tollbooth.setSeats needs a whole number of seats, 0–${MAX_SEATS}.`));
  }
  const key = ownerKey(owner);
  const table = queues.get(rt) ?? new Map<string, Queue>();
  queues.set(rt, table);
  const queue = table.get(key);
  const tail = queue?.tail ?? Promise.resolve();
  // `work` is the queue (it never waits for a later call); `mine` is the answer, which may be a later call's.
  let superseded: Promise<BillingState> | null = null;
  const work = tail
    .then(
      () => undefined,
      () => undefined,
    )
    .then(async (): Promise<BillingState | null> => {
      const latest = table.get(key)?.latest;
      if (latest && latest !== mine) {
        superseded = latest;
        return null;
      }
      const state = await apply(rt, owner, quantity);
      await rt.store.set(usedKey(owner), String(quantity));
      return { ...state, seats: await seatsOf(rt, owner, state) };
    });
  const mine: Promise<BillingState> = work.then((state) => state ?? (superseded as Promise<BillingState>));
  table.set(key, { tail: work, latest: mine });
  const done = () => {
    if (table.get(key)?.latest === mine) table.delete(key);
  };
  mine.then(done, done);
  return mine;
}
