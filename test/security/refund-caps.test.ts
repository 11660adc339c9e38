/**
 * Rule 2, refunds: `authorize` sees what is already refunded (the PaymentIntent with `latest_charge` expanded),
 * and refunds of one PaymentIntent are serialised through a lock in the store, so a policy capping the TOTAL
 * ("support may refund up to 50.00 in total") holds against split refunds, parallel refunds, and parallel
 * refunds spread over several server instances sharing one store.
 */
import type { AuthorizeFn } from '@tollbooth/server';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from './support/expect';
import { record } from './support/figures';
import { customerOf, paidIntent } from './support/fixtures';
import { type CallResult, createHarness, defaultAuthorize, type Harness } from './support/harness';

const CAP = 5000;

/** What the charge behind `resource` has refunded so far. */
function refundedSoFar(resource: unknown): number {
  const charge = (resource as Stripe.PaymentIntent).latest_charge;
  return typeof charge === 'object' && charge !== null ? charge.amount_refunded : Number.NaN;
}

/** The README's support policy: refunds up to 50.00 in total per payment, whatever the split. */
const totalCap: AuthorizeFn = (user, action, context) => {
  if (user?.roles?.includes('support') && context.action === 'refunds.create') {
    const intent = context.resource as Stripe.PaymentIntent;
    const already = refundedSoFar(intent);
    const asked = context.input.amount ?? intent.amount_received - already;
    return already + asked <= CAP;
  }
  return defaultAuthorize(user, action, context);
};

const harnesses: Harness[] = [];
afterAll(() => Promise.all(harnesses.map((x) => x.close())));

async function shop(instances = 1): Promise<Harness> {
  const h = await createHarness({ authorize: totalCap, instances });
  harnesses.push(h);
  await customerOf(h, 'bob');
  return h;
}

/** What Stripe has refunded of `pi`, read from Stripe itself. */
async function refunded(h: Harness, pi: string): Promise<number> {
  const intent = await h.stripe.paymentIntents.retrieve(pi, { expand: ['latest_charge'] });
  return refundedSoFar(intent);
}

function checkTotal(total: number, label: string): void {
  if (total > CAP) record('refundCapBeaten', `${label}: ${total} refunded past a cap of ${CAP}`);
  expect(total, label).toBeLessThanOrEqual(CAP);
}

const refund = (h: Harness, pi: string, amount?: number, instance = 0): Promise<CallResult> =>
  h.call('refunds.create', {
    as: 'support',
    body: amount === undefined ? { paymentIntent: pi } : { paymentIntent: pi, amount },
    instance,
  });

describe('split refunds', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await shop();
  });

  it('four 50.00 refunds of a 200.00 payment: the first passes, the rest are refused', async () => {
    const pi = await paidIntent(h, 'bob', [{ price: 'big', quantity: 1 }]);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await refund(h, pi, 5000));
    expectOk(results[0] as CallResult);
    for (const r of results.slice(1)) expectRefused(r, 403, 'forbidden');
    checkTotal(await refunded(h, pi), 'four 50.00 refunds');
  });

  it('20.00 + 20.00 pass, a third 20.00 (60.00 in total) is refused, 10.00 still fits', async () => {
    const pi = await paidIntent(h, 'bob', [{ price: 'big', quantity: 1 }]);
    expectOk(await refund(h, pi, 2000));
    expectOk(await refund(h, pi, 2000));
    expectRefused(await refund(h, pi, 2000), 403, 'forbidden');
    expectOk(await refund(h, pi, 1000));
    expect(await refunded(h, pi)).toBe(CAP);
  });

  it('a refund without amount asks for the remainder: refused past the cap', async () => {
    const pi = await paidIntent(h, 'bob', [{ price: 'big', quantity: 1 }]);
    expectOk(await refund(h, pi, 1000));
    expectRefused(await refund(h, pi), 403, 'forbidden');
    checkTotal(await refunded(h, pi), 'remainder refund');
  });

  it('authorize is given what was refunded before, in the loaded object', async () => {
    const seen: number[] = [];
    const probe = await createHarness({
      authorize: (user, action, context) => {
        if (action === 'refunds.create') seen.push(refundedSoFar(context.resource));
        return totalCap(user, action, context);
      },
    });
    harnesses.push(probe);
    // The probe has its own simulator: make a payment there.
    await customerOf(probe, 'bob');
    const theirs = await paidIntent(probe, 'bob', [{ price: 'big', quantity: 1 }]);
    expectOk(await refund(probe, theirs, 700));
    expectOk(await refund(probe, theirs, 800));
    expect(seen).toEqual([0, 700]);
  });
});

describe.each([
  [1, 10],
  [1, 25],
  [2, 10],
  [3, 24],
])('%i instance(s), %i parallel refunds of 10.00 under a 50.00 total cap', (instances, n) => {
  it('never more than the cap is refunded', async () => {
    const h = await shop(instances);
    const pi = await paidIntent(h, 'bob', [{ price: 'big', quantity: 1 }]);
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => refund(h, pi, 1000, i % instances)),
    );
    for (const r of results) expect([200, 403, 409], r.text).toContain(r.status);
    const okSum = results
      .filter((r) => r.status === 200)
      .reduce((sum, r) => sum + (r.json.amount as number), 0);
    const total = await refunded(h, pi);
    expect(total).toBe(okSum);
    checkTotal(total, `${n} parallel on ${instances} instance(s)`);
    expect(
      results.some((r) => r.status === 200),
      'one of them succeeded',
    ).toBe(true);
    // Once the race is over, a sequential refund reaches the cap exactly (nothing stays locked).
    while ((await refunded(h, pi)) < CAP) expectOk(await refund(h, pi, 1000, 0));
    expectRefused(await refund(h, pi, 1000, instances - 1), 403, 'forbidden');
  });
});
