/**
 * The Checkout summary (`GET /checkout/:id`) grew from a status to the order: items, the buyer's email and the
 * shipping address. Personal data is only ever shown to the session's owner (rule 2), and the summary holds
 * nothing but what the buyer's own receipt shows: no Stripe ids of prices, customers, cards or payments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from './support/expect';
import { createHarness, defaultAuthorize, type Harness } from './support/harness';

let h: Harness;
let session: string;
let guestSession: string;
let guestCookie: string;
const ADDRESS = { line1: '221B Baker Street', city: 'London', postal_code: 'NW1 6XE', country: 'GB' };

beforeAll(async () => {
  // The app's policy plus guest checkout and reading, so a guest's order exists to be probed.
  h = await createHarness({
    authorize: (...args) =>
      (args[0] === null && (args[1] === 'checkout.create' || args[1] === 'checkout.read')) ||
      defaultAuthorize(...args),
  });
  const mine = await h.call('checkout.create', {
    as: 'alice',
    body: {
      items: [{ price: 'basic', quantity: 2 }],
      shippingAddressCollection: { allowedCountries: ['GB'] },
    },
  });
  expectOk(mine);
  session = mine.json.id;
  h.sim.completeCheckoutSession(session, { shipping: { name: 'Alice Private', address: ADDRESS } });
  const guest = await h.call('checkout.create', {
    as: null,
    body: {
      items: [{ price: 'basic', quantity: 1 }],
      shippingAddressCollection: { allowedCountries: ['GB'] },
    },
  });
  expectOk(guest);
  guestSession = guest.json.id;
  guestCookie = (guest.headers.get('set-cookie') ?? '').split(';')[0] as string;
  h.sim.completeCheckoutSession(guestSession, {
    email: 'guest.private@example.com',
    shipping: { name: 'Guest Private', address: ADDRESS },
  });
});
afterAll(() => h.close());

describe('the order on GET /checkout/:id', () => {
  it('shows the owner the items, email and address, and no Stripe id but the session’s', async () => {
    const res = await h.call('checkout.read', { as: 'alice', id: session });
    expectOk(res);
    expect(Object.keys(res.json).sort()).toEqual(
      [
        'amountTotal',
        'currency',
        'customerEmail',
        'id',
        'items',
        'paymentStatus',
        'shipping',
        'status',
      ].sort(),
    );
    expect(res.json.shipping.name).toBe('Alice Private');
    expect(res.text.replace(session, '')).not.toMatch(
      /\b(price|prod|cus|pm|pi|sub|in|li|seti|ch)_[A-Za-z0-9]+/,
    );
  });

  it('shows another user, a guest and another guest none of it (404, nothing of it in the answer)', async () => {
    const attempts = [
      await h.call('checkout.read', { as: 'bob', id: session }),
      await h.call('checkout.read', { as: null, id: session, headers: { cookie: guestCookie } }),
      await h.call('checkout.read', { as: 'alice', id: guestSession }),
      await h.call('checkout.read', { as: 'bob', id: guestSession }),
    ];
    for (const res of attempts) {
      expectRefused(res, 404, 'not_found');
      expect(res.text).not.toMatch(/Private|Baker|NW1|@example\.com/);
    }
  });

  it('shows the guest their own order through their session cookie', async () => {
    const res = await h.call('checkout.read', {
      as: null,
      id: guestSession,
      headers: { cookie: guestCookie },
    });
    expectOk(res);
    expect(res.json).toMatchObject({
      customerEmail: 'guest.private@example.com',
      shipping: { name: 'Guest Private' },
    });
  });
});
