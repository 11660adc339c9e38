import { type BillingState, METADATA_KEYS, TollboothError } from '@tollbooth/core';
import type Stripe from 'stripe';
import { checkOwner, isBillingOwner, userOwner } from '../_internal/owner';
import type { Runtime } from '../_internal/runtime';
import { isMissing } from '../_internal/stripe-errors';
import type { BillingOwner, TollboothUser } from '../types';
import { seatsOf } from './seats';
import { noneState, normalise } from './state';

/** What the store keeps per customer: the state and a version that only a newer read may replace. */
interface BillingRecord {
  version: number;
  state: BillingState;
}

/** Writers that lost every compare-and-set in a row give up; a webhook then answers 500 and Stripe retries. */
const MAX_ROUNDS = 8;
/** More subscriptions than this on one customer is not an app's plan history; the newest are read. */
const MAX_SUBSCRIPTIONS = 1000;

export const billingKey = (customerId: string) => `billing:${customerId}`;

function parseRecord(raw: string | null): BillingRecord | null {
  if (raw === null) return null;
  try {
    const record = JSON.parse(raw) as BillingRecord;
    return typeof record.version === 'number' && typeof record.state === 'object' ? record : null;
  } catch {
    return null;
  }
}

/**
 * The customer's billing state as Stripe holds it now, or `null` for a customer another app made (its
 * `tollbooth_app` metadata names another `appId`): such a customer is none of this app's business.
 */
async function readStripe(rt: Runtime, customerId: string): Promise<BillingState | null> {
  const syncedAt = Math.floor(rt.now() / 1000);
  let customer: Stripe.Customer | Stripe.DeletedCustomer;
  try {
    customer = await rt.stripe.customers.retrieve(customerId);
  } catch (error) {
    if (isMissing(error)) return noneState(rt.plans, syncedAt);
    throw error;
  }
  if (customer.deleted) return noneState(rt.plans, syncedAt);
  const app = customer.metadata?.[METADATA_KEYS.app];
  if (app !== undefined && app !== rt.appId) return null;
  const subscriptions = await rt.stripe.subscriptions
    .list({ customer: customerId, status: 'all', limit: 100 })
    .autoPagingToArray({ limit: MAX_SUBSCRIPTIONS });
  const schedules = new Map<string, Stripe.SubscriptionSchedule>();
  for (const sub of subscriptions) {
    const id = typeof sub.schedule === 'string' ? sub.schedule : sub.schedule?.id;
    if (!id || sub.status === 'canceled' || sub.status === 'incomplete_expired') continue;
    schedules.set(id, await rt.stripe.subscriptionSchedules.retrieve(id));
  }
  return normalise({ subscriptions, schedules, plans: rt.plans, keysByPrice: rt.keysByPrice, syncedAt });
}

/**
 * Reads Stripe and stores the record, never over a newer one. The record read before Stripe is the expected
 * value of a compare-and-set: when another sync wrote in between, its Stripe read may have been later than
 * ours, so ours is dropped and Stripe read again. Every stored record was therefore read from Stripe after the
 * one it replaced was written: the record only moves forward, whatever order events, redirects and instances
 * arrive in.
 */
async function syncOnce(rt: Runtime, customerId: string): Promise<BillingState> {
  const key = billingKey(customerId);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = await rt.store.get(key);
    const state = await readStripe(rt, customerId);
    if (state === null) return noneState(rt.plans, null);
    const next = JSON.stringify({ version: (parseRecord(before)?.version ?? 0) + 1, state });
    const written =
      before === null
        ? await rt.store.set(key, next, { ifAbsent: true })
        : await rt.store.compareAndSet(key, before, next);
    if (written) return state;
  }
  throw new TollboothError('conflict', 'The billing state is changing; try again.');
}

interface Flight {
  /** The sync running or queued last; a new one starts after it. */
  tail: Promise<unknown>;
  /** A queued sync that has not read Stripe yet: a caller joining it sees at least as much as one of its own. */
  waiting: Promise<BillingState> | null;
}

const flights = new WeakMap<Runtime, Map<string, Flight>>();

/**
 * `tollbooth.sync(customerId)`. Within one instance, syncs of one customer run one after another and callers
 * share a sync that has not started reading yet (a burst of six events is two Stripe reads, not six racing
 * compare-and-sets); across instances the compare-and-set keeps the order.
 */
export function syncBilling(rt: Runtime, customerId: string): Promise<BillingState> {
  if (typeof customerId !== 'string' || !/^cus_[A-Za-z0-9]{1,255}$/.test(customerId)) {
    return Promise.reject(new TypeError('tollbooth.sync needs a Stripe customer id ("cus_…").'));
  }
  const table = flights.get(rt) ?? new Map<string, Flight>();
  flights.set(rt, table);
  const flight = table.get(customerId) ?? { tail: Promise.resolve(), waiting: null };
  table.set(customerId, flight);
  if (flight.waiting) return flight.waiting;
  const run = flight.tail.then(
    () => undefined,
    () => undefined,
  );
  const started = run.then(() => {
    flight.waiting = null;
    return syncOnce(rt, customerId);
  });
  flight.waiting = started;
  flight.tail = started;
  const done = () => {
    if (flight.tail === started) table.delete(customerId);
  };
  started.then(done, done);
  return started;
}

/** The stored record, or `null` (never synced, or the store was wiped). */
export async function storedBilling(rt: Runtime, customerId: string): Promise<BillingState | null> {
  return parseRecord(await rt.store.get(billingKey(customerId)))?.state ?? null;
}

/** `billing(who)`'s argument as an owner: an object with an owner's `type` is one, anything else a user. */
export function ownerArgument(who: TollboothUser | BillingOwner): BillingOwner {
  return isBillingOwner(who) ? checkOwner(who, 'tollbooth.billing(owner)') : userOwner(who);
}

/**
 * `tollbooth.billing(owner)`: the stored state of the owner's customer, synced from Stripe when the store has
 * none, with its seats when it counts them. An owner without a customer is on the default plan with status
 * `none`; no customer is created.
 */
export async function billingOf(rt: Runtime, owner: BillingOwner): Promise<BillingState> {
  return withCountedSeats(rt, owner, await billingOfCustomer(rt, await rt.customers.find(owner)));
}

/** `state` with the owner's seats, when it counts them (the one rule `billing()` and `GET /billing` share). */
export async function withCountedSeats(
  rt: Runtime,
  owner: BillingOwner,
  state: BillingState,
): Promise<BillingState> {
  const seats = await seatsOf(rt, owner, state);
  // An owner that neither is on a plan with `limits.seats` nor ever had `setSeats` called counts no seats: its
  // state is then exactly the synced record, as `sync()` returns it.
  return seats.used === null && seats.limit === null ? state : { ...state, seats };
}

/** The billing state of a customer already found (`null`: the owner has none). */
export async function billingOfCustomer(rt: Runtime, customer: string | null): Promise<BillingState> {
  if (customer === null) return noneState(rt.plans, null);
  return (await storedBilling(rt, customer)) ?? syncBilling(rt, customer);
}
