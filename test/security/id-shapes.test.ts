/**
 * Rule 2: an id that does not have the shape of the Stripe id it names is refused with 400 before any Stripe
 * call. A client secret (`pi_…_secret_…`) is never an id and never travels on to Stripe, in a body or a path.
 */
import type { ActionName } from '@tollbooth/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, expectOk } from './support/expect';
import { record } from './support/figures';
import { arrangeTwoCustomers, type TwoCustomers } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { ITEMS } from './support/routes';

let h: Harness;
let ids: TwoCustomers;
let clientSecret: string;
beforeAll(async () => {
  h = await createHarness();
  ids = await arrangeTwoCustomers(h);
  const res = await h.call('paymentIntent.create', { body: { items: ITEMS } });
  expectOk(res);
  clientSecret = res.json.clientSecret as string;
});
afterAll(() => h.close());

/** Sends the call; a refusal other than 400, or any Stripe request on the way, fails the case. */
async function expectRefusedUnsent(label: string, send: () => ReturnType<Harness['call']>): Promise<void> {
  const mark = h.writeMark();
  const res = await send();
  const calls = h.stripeCallsSince(mark);
  if (calls.length > 0)
    record('misshapenIdSent', `${label}: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
  expect(
    calls.map((c) => c.path),
    label,
  ).toEqual([]);
  expectBadInput(res, 400, 'invalid_request');
}

describe('refunds.create: paymentIntent in the body', () => {
  const shapes: Array<[string, () => string]> = [
    ['a real client secret of a PaymentIntent', () => clientSecret],
    ['a made-up client secret', () => 'pi_3QabcDEF_secret_xyz'],
    ['a client secret with the secret part first', () => 'pi_secret_pi_3Qabc'],
    ['a Checkout Session id', () => 'cs_test_a1b2c3'],
    ['a charge id', () => 'ch_3Qabc'],
    ['a PaymentMethod id', () => 'pm_card_visa'],
    ['a SetupIntent client secret', () => 'seti_1Qabc_secret_xyz'],
    ['a bare prefix', () => 'pi_'],
    ['an upper-case prefix', () => 'PI_3Qabc'],
  ];
  it.each(shapes)('%s → 400, no Stripe call', async (label, id) => {
    await expectRefusedUnsent(label, () =>
      h.call('refunds.create', { as: 'admin', body: { paymentIntent: id(), amount: 100 } }),
    );
  });
  it('a real PaymentIntent id is accepted (positive control)', async () => {
    expectOk(
      await h.call('refunds.create', { as: 'admin', body: { paymentIntent: ids.bob.pi, amount: 100 } }),
    );
  });
});

describe('path ids', () => {
  const cases: Array<[ActionName, string, string]> = [
    ['checkout.read', 'a Checkout client secret', 'cs_test_a1b2_secret_c3d4'],
    ['checkout.read', 'a PaymentIntent id', 'pi_3Qabc'],
    ['paymentMethods.detach', 'a SetupIntent client secret', 'seti_1Qabc_secret_xyz'],
    ['paymentMethods.detach', 'a subscription id', 'sub_1Qabc'],
    ['paymentMethods.setDefault', 'a PaymentMethod id with a secret tail', 'pm_1Qabc_secret_x'],
    ['subscriptions.cancel', 'a PaymentIntent client secret', 'pi_3Qabc_secret_xyz'],
    ['subscriptions.cancel', 'a subscription id with a secret tail', 'sub_1Qabc_secret_x'],
    ['subscriptions.resume', 'a customer id', 'cus_Qabc'],
  ];
  it.each(cases)('%s with %s → 400, no Stripe call', async (action, label, id) => {
    await expectRefusedUnsent(`${action} ${label}`, () => h.call(action, { id }));
  });
  it('the owner’s own ids still work (positive control)', async () => {
    expectOk(await h.call('checkout.read', { id: ids.alice.session }));
    expectOk(await h.call('paymentMethods.setDefault', { id: ids.alice.pm, body: {} }));
  });
});
