/**
 * What the browser gets to see (catalog keys, never Stripe price ids; the anonymous session cookie's flags) and
 * objects in odd states: unpaid or already-refunded payments, cards already removed, anonymous sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, expectOk, expectRefused } from './support/expect';
import { attachCard, customerOf, paidIntent, subscribe } from './support/fixtures';
import { BASE_PATH, createHarness, defaultAuthorize, type Harness } from './support/harness';
import { createInjector } from './support/injector';
import { ITEMS } from './support/routes';

let h: Harness;
beforeAll(async () => {
  // The app's policy plus guest checkout, so anonymous sessions exist to be probed.
  h = await createHarness({
    authorize: (...args) => (args[0] === null && args[1] === 'checkout.create') || defaultAuthorize(...args),
  });
  await customerOf(h, 'alice');
});
afterAll(() => h.close());

describe('what the browser sees', () => {
  it('the catalog names prices by key: no Stripe price id, no inactive or off-catalog price', async () => {
    const res = await h.call('catalog.read', { as: null });
    expectOk(res);
    expect(res.text).not.toMatch(/price_[A-Za-z0-9]/);
    const keys = (res.json.prices as Array<{ id: string }>).map((p) => p.id);
    expect(keys).toContain('basic');
    expect(keys).not.toContain('retired');
    expect(keys).not.toContain('hidden');
  });
  it('a subscription is listed with its catalog key, not its Stripe price id', async () => {
    const sub = await subscribe(h, 'alice');
    const res = await h.call('subscriptions.list');
    expectOk(res);
    const row = (res.json.data as Array<{ id: string; price: string }>).find((s) => s.id === sub);
    expect(row?.price).toBe('pro');
  });
  it('the anonymous session cookie is HttpOnly, Secure, SameSite and scoped to the route', async () => {
    const res = await h.call('checkout.create', { as: null, body: { items: ITEMS } });
    expectOk(res);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=(Lax|Strict)/i);
    expect(cookie).toContain(`Path=${BASE_PATH}`);
  });
  it.each([
    'short',
    'has spaces in it and is long enough to pass a length check',
    `${'a'.repeat(100)}`,
    // The right shape, but not signed by this server.
    'a'.repeat(43),
    `${'a'.repeat(43)}.${'b'.repeat(43)}`,
  ])('a forged anonymous session cookie (%s) is not adopted', async (sid) => {
    const res = await h.call('checkout.create', {
      as: null,
      body: { items: ITEMS },
      headers: { cookie: `tollbooth_sid=${sid}` },
    });
    expectOk(res);
    // A malformed or unsigned id is replaced by a fresh, server-made and signed one.
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/tollbooth_sid=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43};/);
    expect(set).not.toContain(sid);
  });
  it('a signed-in user cannot read a guest’s Checkout Session', async () => {
    const guest = await h.call('checkout.create', { as: null, body: { items: ITEMS } });
    expectOk(guest);
    expectRefused(await h.call('checkout.read', { id: guest.json.id }), 404, 'not_found');
  });
});

describe('a catalog entry Stripe does not know', () => {
  let ghost: Harness;
  beforeAll(async () => {
    ghost = await createHarness({
      config: { catalog: { prices: { basic: 'price_basic', ghost: 'price_doesNotExist' } } },
    });
  });
  afterAll(() => ghost.close());
  it('is left out of the catalog, which still answers', async () => {
    const res = await ghost.call('catalog.read', { as: null });
    expectOk(res);
    expect((res.json.prices as Array<{ id: string }>).map((p) => p.id)).toEqual(['basic']);
  });
  it('cannot be bought → 400, no Stripe write', async () => {
    const body = { items: [{ price: 'ghost', quantity: 1 }] };
    expectBadInput(await ghost.call('paymentIntent.create', { body }), 400, 'invalid_request');
  });
});

describe('Stripe price objects in shapes the catalog must survive', () => {
  const injector = createInjector();
  let odd: Harness;
  const price = (id: string, product: unknown, extra: Record<string, unknown> = {}) => ({
    id,
    object: 'price',
    active: true,
    currency: 'usd',
    unit_amount: 700,
    recurring: null,
    product,
    ...extra,
  });
  beforeAll(async () => {
    odd = await createHarness({
      stripe: { httpClient: injector.httpClient },
      config: {
        catalog: {
          prices: { flat: 'price_flat', gone: 'price_gone', bare: 'price_bare', free: 'price_free' },
        },
      },
    });
    const answer = (id: string, body: unknown) =>
      injector.inject({ method: 'GET', path: new RegExp(`^/v1/prices/${id}$`), status: 200, body });
    answer('price_flat', price('price_flat', 'prod_notExpanded'));
    answer('price_gone', price('price_gone', { id: 'prod_gone', object: 'product', deleted: true }));
    answer('price_bare', price('price_bare', { id: 'prod_bare', object: 'product', name: 'Bare' }));
    answer('price_free', price('price_free', 'prod_x', { unit_amount: null }));
  });
  afterAll(() => odd.close());

  it('an unexpanded product, a deleted product, a product without description, a price without amount', async () => {
    const res = await odd.call('catalog.read', { as: null });
    expectOk(res);
    expect(res.json.prices).toEqual([
      {
        id: 'flat',
        product: { name: '', description: null },
        unitAmount: 700,
        currency: 'usd',
        recurring: null,
      },
      {
        id: 'bare',
        product: { name: 'Bare', description: null },
        unitAmount: 700,
        currency: 'usd',
        recurring: null,
      },
    ]);
  });
  it.each(['gone', 'free'])('%s cannot be bought → 400', async (key) => {
    const body = { items: [{ price: key, quantity: 1 }] };
    expectBadInput(await odd.call('paymentIntent.create', { body }), 400, 'invalid_request');
  });
});

describe('objects in odd states', () => {
  it('refunding a PaymentIntent that was never paid → 4xx, no refund', async () => {
    const res = await h.call('paymentIntent.create', { body: { items: ITEMS } });
    expectOk(res);
    expectBadInput(
      await h.call('refunds.create', { as: 'admin', body: { paymentIntent: res.json.id } }),
      [400, 409],
    );
  });
  it('refunding an already fully refunded payment → 4xx, no second refund', async () => {
    const pi = await paidIntent(h, 'alice');
    expectOk(await h.call('refunds.create', { as: 'admin', body: { paymentIntent: pi } }));
    expectBadInput(await h.call('refunds.create', { as: 'admin', body: { paymentIntent: pi } }), [400, 409]);
  });
  it('a refund reason outside Stripe’s list → 400', async () => {
    const pi = await paidIntent(h, 'alice');
    expectBadInput(
      await h.call('refunds.create', { as: 'admin', body: { paymentIntent: pi, reason: 'because' } }),
      400,
      'invalid_request',
    );
  });
  it('a card removed once cannot be removed again or made default', async () => {
    const pm = await attachCard(h, 'alice');
    expectOk(await h.call('paymentMethods.detach', { id: pm }));
    expectRefused(await h.call('paymentMethods.detach', { id: pm }), 404, 'not_found');
    expectRefused(await h.call('paymentMethods.setDefault', { id: pm }), 404, 'not_found');
  });
  it('cancelling twice and resuming twice answer without a 5xx', async () => {
    const sub = await subscribe(h, 'alice');
    for (const action of [
      'subscriptions.cancel',
      'subscriptions.cancel',
      'subscriptions.resume',
      'subscriptions.resume',
    ] as const) {
      const res = await h.call(action, { id: sub });
      expect(res.status, res.text).toBeLessThan(500);
    }
    expect((await h.stripe.subscriptions.retrieve(sub)).cancel_at_period_end).toBe(false);
  });
  it('a recurring price cannot be bought as a one-off PaymentIntent → 400', async () => {
    const body = { items: [{ price: 'pro', quantity: 1 }] };
    expectBadInput(await h.call('paymentIntent.create', { body }), 400, 'invalid_request');
  });
  it('an anonymous caller asking to save a card → 401', async () => {
    const body = { items: ITEMS, savePaymentMethod: true };
    expectRefused(await h.call('paymentIntent.create', { as: null, body }), 401, 'unauthenticated');
  });
  it('the same price twice in one basket is charged twice', async () => {
    const res = await h.call('paymentIntent.create', { body: { items: [ITEMS[0], ITEMS[0]] } });
    if (res.status === 200) expect(res.json.amount).toBe(3000);
    else expectBadInput(res, 400);
  });
  it('a JSON body declared as UTF-16 → 4xx, not a 5xx', async () => {
    const text = JSON.stringify({ items: ITEMS });
    const utf16 = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) utf16[i * 2] = text.charCodeAt(i);
    const res = await h.call('paymentIntent.create', {
      body: utf16,
      contentType: 'application/json; charset=utf-16le',
    });
    expectBadInput(res, [400, 415]);
  });
  it('a route segment written with percent-escapes is not the route → 404', async () => {
    expectBadInput(await h.call(null, { path: '/payment%2Dmethods', as: 'alice' }), 404, 'not_found');
  });
});
