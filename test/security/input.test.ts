/**
 * Rules 3 and 7 of docs/design.md: money is computed on the server from catalog prices, unknown fields are
 * refused, and bodies are bounded. Every case is bad input: a 4xx, never a 5xx, never a Stripe write.
 */
import type { ActionName } from '@tollbooth/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, expectOk } from './support/expect';
import { paidIntent } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { BODY_ACTIONS, ID_ACTIONS, ITEMS } from './support/routes';

let h: Harness;
let pi: string;
beforeAll(async () => {
  h = await createHarness();
  pi = await paidIntent(h, 'alice');
});
afterAll(() => h.close());

/** Refunds are staff-only: send them as admin so validation, not authorization, is what refuses them. */
const asFor = (action: ActionName) => (action === 'refunds.create' ? 'admin' : 'alice');
/** A valid body of each action, as JSON text, to corrupt. */
const validBody = (action: ActionName): Record<string, unknown> =>
  action === 'refunds.create'
    ? { paymentIntent: pi }
    : action === 'setupIntent.create' || action === 'portal.create'
      ? {}
      : { items: ITEMS };

describe('malformed and hostile JSON', () => {
  const malformed: Array<[string, string | Uint8Array]> = [
    ['an unterminated object', '{'],
    ['a cut-off body', '{"items":'],
    ['single quotes', "{'items':[]}"],
    ['undefined', 'undefined'],
    ['NaN', 'NaN'],
    ['two objects', '{"a":1}{"b":2}'],
    ['a NUL byte', '\u0000'],
    ['a trailing comma', '{"items":[{"price":"basic","quantity":1}],}'],
    ['a NaN quantity', '{"items":[{"price":"basic","quantity":NaN}]}'],
    ['an Infinity quantity', '{"items":[{"price":"basic","quantity":Infinity}]}'],
    ['a hex number', '{"items":[{"price":"basic","quantity":0x1}]}'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ];
  const topLevel: Array<[string, string]> = [
    ['an empty array', '[]'],
    ['an array holding a valid body', '[{"items":[{"price":"basic","quantity":1}]}]'],
    ['null', 'null'],
    ['a number', '1'],
    ['a string', '"items"'],
    ['true', 'true'],
  ];
  for (const action of BODY_ACTIONS) {
    it.each(malformed)(`${action}: %s → 400`, async (_n, body) => {
      expectBadInput(await h.call(action, { as: asFor(action), body }), 400, 'invalid_request');
    });
    it.each(topLevel)(`${action}: a top-level %s → 400`, async (_n, body) => {
      expectBadInput(await h.call(action, { as: asFor(action), body }), 400, 'invalid_request');
    });
  }

  it.each(['checkout.create', 'paymentIntent.create', 'refunds.create'] as const)(
    '%s with an empty body → 400',
    async (action) => {
      expectBadInput(await h.call(action, { as: asFor(action), body: '' }), 400, 'invalid_request');
    },
  );
});

describe('prototype keys are refused and pollute nothing', () => {
  const fragments: Array<[string, string]> = [
    ['__proto__ at the top', '"__proto__":{"isAdmin":true,"amount":1}'],
    ['constructor.prototype at the top', '"constructor":{"prototype":{"polluted":true}}'],
    ['prototype at the top', '"prototype":{"polluted":true}'],
  ];
  /** Puts `fragment` first in the valid body's JSON text (JSON.parse keeps `__proto__` as an own key). */
  const prepend = (valid: string, fragment: string) =>
    valid === '{}' ? `{${fragment}}` : `{${fragment},${valid.slice(1)}`;
  for (const action of BODY_ACTIONS) {
    it.each(fragments)(`${action}: %s → 400`, async (_n, fragment) => {
      const body = prepend(JSON.stringify(validBody(action)), fragment);
      expectBadInput(await h.call(action, { as: asFor(action), body }), 400, 'invalid_request');
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
  it.each(['checkout.create', 'paymentIntent.create'] as const)(
    '%s: __proto__ inside a line item → 400',
    async (action) => {
      const body = '{"items":[{"price":"basic","quantity":1,"__proto__":{"unitAmount":1}}]}';
      expectBadInput(await h.call(action, { body }), 400, 'invalid_request');
    },
  );
  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'])(
    'a catalog key named %s is not a price',
    async (price) => {
      expectBadInput(
        await h.call('paymentIntent.create', { body: { items: [{ price, quantity: 1 }] } }),
        400,
      );
    },
  );
});

describe('quantities and amounts', () => {
  const quantities: Array<[string, unknown]> = [
    ['0', 0],
    ['-1', -1],
    ['1.5', 1.5],
    ['"2"', '2'],
    ['1e308', 1e308],
    ['100 (over 99)', 100],
    ['2^53', 2 ** 53],
    ['null', null],
    ['true', true],
    ['[1]', [1]],
    ['{}', {}],
  ];
  for (const action of ['checkout.create', 'paymentIntent.create'] as const) {
    it.each(quantities)(`${action}: quantity %s → 400`, async (_n, quantity) => {
      expectBadInput(
        await h.call(action, { body: { items: [{ price: 'basic', quantity }] } }),
        400,
        'invalid_request',
      );
    });
    it(`${action}: a missing quantity → 400`, async () => {
      expectBadInput(await h.call(action, { body: { items: [{ price: 'basic' }] } }), 400, 'invalid_request');
    });
    it(`${action}: quantity written as 1E2 in the JSON text → 400`, async () => {
      const body = '{"items":[{"price":"basic","quantity":1E2}]}';
      expectBadInput(await h.call(action, { body }), 400, 'invalid_request');
    });
  }

  const amounts: Array<[string, unknown]> = [
    ['0', 0],
    ['-1', -1],
    ['1.5', 1.5],
    ['"100"', '100'],
    ['1e308', 1e308],
    ['null', null],
    ['true', true],
  ];
  it.each(amounts)('refunds.create: amount %s → 400', async (_n, amount) => {
    expectBadInput(await h.call('refunds.create', { as: 'admin', body: { paymentIntent: pi, amount } }), 400);
  });
  it('refunds.create: an amount above the charge → 4xx', async () => {
    const res = await h.call('refunds.create', { as: 'admin', body: { paymentIntent: pi, amount: 1501 } });
    expectBadInput(res, [400, 409]);
  });
  it.each([
    ['"ch_123"', 'ch_123'],
    ['"pi"', 'pi'],
    ['"pi_1;DROP"', 'pi_1;DROP'],
    ['123', 123],
    ['an object', { id: pi }],
  ])('refunds.create: paymentIntent %s → 400 or 404', async (_n, paymentIntent) => {
    expectBadInput(await h.call('refunds.create', { as: 'admin', body: { paymentIntent } }), [400, 404]);
  });
});

describe('money comes from the catalog', () => {
  const clientMoney: Array<[string, Record<string, unknown>]> = [
    ['amount', { items: ITEMS, amount: 1 }],
    ['currency', { items: ITEMS, currency: 'usd' }],
    ['amount_total', { items: ITEMS, amount_total: 1 }],
    ['unitAmount on an item', { items: [{ price: 'basic', quantity: 1, unitAmount: 1 }] }],
    ['amount on an item', { items: [{ price: 'basic', quantity: 1, amount: 1 }] }],
    ['price_data on an item', { items: [{ price_data: { currency: 'usd', unit_amount: 1 }, quantity: 1 }] }],
    ['discounts', { items: ITEMS, discounts: [{ coupon: 'FREE' }] }],
    ['an unknown field', { items: ITEMS, foo: 'bar' }],
    ['an unknown item field', { items: [{ price: 'basic', quantity: 1, foo: 'bar' }] }],
  ];
  for (const action of ['checkout.create', 'paymentIntent.create'] as const) {
    it.each(clientMoney)(`${action}: client-sent %s → 400`, async (_n, body) => {
      expectBadInput(await h.call(action, { body }), 400, 'invalid_request');
    });
  }

  const prices: Array<[string, unknown[]]> = [
    ['a Stripe price outside the catalog (by id)', [{ price: 'price_hidden', quantity: 1 }]],
    ['a catalog price named by its Stripe id instead of its key', [{ price: 'price_basic', quantity: 1 }]],
    ['an unknown key', [{ price: 'gold', quantity: 1 }]],
    ['a key in the wrong case', [{ price: 'BASIC', quantity: 1 }]],
    ['a key with a leading space', [{ price: ' basic', quantity: 1 }]],
    ['a key with a trailing newline', [{ price: 'basic\n', quantity: 1 }]],
    ['an empty key', [{ price: '', quantity: 1 }]],
    ['an inactive catalog price', [{ price: 'retired', quantity: 1 }]],
    [
      'mixed currencies',
      [
        { price: 'basic', quantity: 1 },
        { price: 'eur', quantity: 1 },
      ],
    ],
    ['no items', []],
    ['51 items', Array.from({ length: 51 }, () => ({ price: 'basic', quantity: 1 }))],
  ];
  for (const action of ['checkout.create', 'paymentIntent.create'] as const) {
    it.each(prices)(`${action}: %s → 400`, async (_n, items) => {
      expectBadInput(await h.call(action, { body: { items } }), 400, 'invalid_request');
    });
  }
  it.each([
    ['a bogus mode', { items: ITEMS, mode: 'donation' }],
    ['a bogus uiMode', { items: ITEMS, uiMode: 'popup' }],
    ['subscription mode with a one-time price', { items: ITEMS, mode: 'subscription' }],
    ['payment mode with a recurring price', { items: [{ price: 'pro', quantity: 1 }], mode: 'payment' }],
  ])('checkout.create: %s → 400', async (_n, body) => {
    expectBadInput(await h.call('checkout.create', { body }), 400, 'invalid_request');
  });
  it('paymentIntent.create: savePaymentMethod "yes" → 400', async () => {
    expectBadInput(
      await h.call('paymentIntent.create', { body: { items: ITEMS, savePaymentMethod: 'yes' } }),
      400,
    );
  });

  it('the amount charged is the server’s: 3 × basic + 2 × big = 44 500 cents, whatever the client thinks', async () => {
    const res = await h.call('paymentIntent.create', {
      body: {
        items: [
          { price: 'basic', quantity: 3 },
          { price: 'big', quantity: 2 },
        ],
      },
    });
    expectOk(res);
    expect(res.json).toMatchObject({ amount: 44_500, currency: 'usd' });
    const write = res.writes.find((w) => w.path === '/v1/payment_intents');
    expect(Number(write?.params.amount)).toBe(44_500);
    expect(write?.params.currency).toBe('usd');
  });
});

describe('bounded bodies (16 KiB)', () => {
  const LIMIT = 16 * 1024;
  /** A valid paymentIntent body padded with JSON whitespace to exactly `size` bytes. */
  const padded = (size: number) => {
    const base = JSON.stringify({ items: ITEMS });
    return base.slice(0, -1) + ' '.repeat(size - base.length) + base.slice(-1);
  };
  const stream = (text: string, chunk = 1024) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(text);
        for (let i = 0; i < bytes.length; i += chunk) controller.enqueue(bytes.slice(i, i + chunk));
        controller.close();
      },
    });

  it('exactly 16 KiB is accepted (the boundary is inclusive)', async () => {
    expectOk(await h.call('paymentIntent.create', { body: padded(LIMIT) }));
  });
  it.each(BODY_ACTIONS)('%s: 16 KiB + 1 byte → 413', async (action) => {
    expectBadInput(
      await h.call(action, { as: asFor(action), body: padded(LIMIT + 1) }),
      413,
      'payload_too_large',
    );
  });
  it.each(BODY_ACTIONS)('%s: a 1 MiB body → 413', async (action) => {
    expectBadInput(await h.call(action, { as: asFor(action), body: padded(1024 * 1024) }), 413);
  });
  it.each(BODY_ACTIONS)('%s: Content-Length that lies low (says 20, sends 20 KiB) → 413', async (action) => {
    const res = await h.call(action, {
      as: asFor(action),
      body: padded(20 * 1024),
      headers: { 'content-length': '20' },
    });
    expectBadInput(res, 413, 'payload_too_large');
  });
  it.each(BODY_ACTIONS)('%s: a chunked body with no length, 20 KiB → 413', async (action) => {
    const res = await h.call(action, { as: asFor(action), body: stream(padded(20 * 1024)) });
    expectBadInput(res, 413, 'payload_too_large');
  });
  it('a chunked body with no length under the limit is read whole', async () => {
    expectOk(await h.call('paymentIntent.create', { body: stream(padded(8 * 1024), 100) }));
  });
  it('Content-Length declaring 100 KiB → 413 before reading', async () => {
    const res = await h.call('paymentIntent.create', {
      body: padded(100),
      headers: { 'content-length': '102400' },
    });
    expectBadInput(res, [400, 413]);
  });
  it.each(['abc', '-1', '1e3', ' 12x'])('a malformed Content-Length %j → 400', async (length) => {
    const res = await h.call('paymentIntent.create', {
      body: padded(100),
      headers: { 'content-length': length },
    });
    expectBadInput(res, [400, 413]);
  });
});

describe('path ids: bad percent-encoding and wrong shapes', () => {
  const ids: Array<[string, string]> = [
    ['a lone %', '%'],
    ['a truncated escape', '%E0%A4%A'],
    ['a non-hex escape', '%ZZ'],
    ['an overlong UTF-8 slash', '%C0%AF'],
    ['an invalid UTF-8 byte', '%FF'],
    ['no prefix', 'abc'],
    ['a bare prefix', 'pm_'],
    ['an encoded slash', 'pm_1%2Fdefault'],
    ['an encoded traversal', '..%2F..%2Fv1%2Fcustomers'],
    ['an encoded NUL', 'pm_1%00'],
    ['an encoded space', 'sub_1%20x'],
    ['an upper-case prefix', 'PM_123'],
    ['a 300-character id', `pm_${'a'.repeat(300)}`],
    ['emoji', 'pm_%F0%9F%8E%89'],
  ];
  for (const action of ID_ACTIONS) {
    it.each(ids)(`${action}: %s → 400 or 404`, async (_n, id) => {
      expectBadInput(await h.call(action, { id, body: undefined }), [400, 404]);
    });
  }
  it.each([
    ['paymentMethods.detach', 'sub_123'],
    ['paymentMethods.setDefault', 'cs_test_123'],
    ['subscriptions.cancel', 'pm_123'],
    ['subscriptions.resume', 'pi_123'],
    ['checkout.read', 'sub_123'],
  ] as const)('%s with an id of another type (%s) → 400 or 404', async (action, id) => {
    expectBadInput(await h.call(action, { id }), [400, 404]);
  });
});
