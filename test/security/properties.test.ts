/**
 * Property-based tests (fast-check) of the validators, through the real handler: amounts, quantities, path ids,
 * redirect paths and origins. Each property states what must hold for every generated input.
 */

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from './support/figures';
import { customerOf } from './support/fixtures';
import {
  ADMIN_SITE,
  CATALOG,
  type CallResult,
  createHarness,
  type Harness,
  PRICES,
  SHOP,
} from './support/harness';
import { ID_ACTIONS } from './support/routes';
import { hasParserConfusingChars } from './support/urls';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await customerOf(h, 'alice');
});
afterAll(() => h.close());

const unitAmount = (key: keyof typeof CATALOG) =>
  PRICES.find((p) => p.id === CATALOG[key])?.unit_amount ?? Number.NaN;

/** Refused: a 4xx from `statuses`, no 5xx, no Stripe write; feeds the figures like the table-driven cases. */
function refused(res: CallResult, statuses: number[], what: string): boolean {
  if (res.status >= 500) record('badInput5xx', `${what} → ${res.status}`);
  if (res.status < 300) record('unauthorizedSuccess', `${what} → ${res.status}`);
  if (res.writes.length > 0)
    record('deniedStripeWrite', `${what}: ${res.writes.map((w) => w.path).join(', ')}`);
  return statuses.includes(res.status) && res.writes.length === 0;
}

/** One currency's one-time prices; a basket is a non-empty subset with quantities 1–99. */
const GROUPS = [['basic', 'big', 'mini'], ['eur'], ['yen']] as const;
const basket = fc
  .constantFrom(...GROUPS)
  .chain((keys) => fc.subarray([...keys], { minLength: 1 }))
  .chain((keys) =>
    fc.tuple(
      ...keys.map((k) => fc.record({ price: fc.constant(k), quantity: fc.integer({ min: 1, max: 99 }) })),
    ),
  );

describe('amounts', () => {
  it('any catalog basket is charged the server-computed sum, in the prices’ currency', async () => {
    await fc.assert(
      fc.asyncProperty(basket, async (items) => {
        const res = await h.call('paymentIntent.create', { body: { items } });
        const expected = items.reduce(
          (s, i) => s + unitAmount(i.price as keyof typeof CATALOG) * i.quantity,
          0,
        );
        const currency = PRICES.find(
          (p) => p.id === CATALOG[items[0]!.price as keyof typeof CATALOG],
        )?.currency;
        expect(res.status, res.text).toBe(200);
        expect(res.json).toMatchObject({ amount: expected, currency });
        const sent = res.writes.find((w) => w.path === '/v1/payment_intents');
        expect(Number(sent?.params.amount)).toBe(expected);
      }),
      { numRuns: 25 },
    );
  });
  it('any catalog basket reaches Checkout as catalog price ids and quantities, never an amount', async () => {
    await fc.assert(
      fc.asyncProperty(basket, async (items) => {
        const res = await h.call('checkout.create', { body: { items } });
        expect(res.status, res.text).toBe(200);
        const sent = res.writes.find((w) => w.path === '/v1/checkout/sessions');
        const lines = sent?.params.line_items as
          | Array<Record<string, unknown>>
          | Record<string, Record<string, unknown>>;
        const list = Array.isArray(lines) ? lines : Object.values(lines ?? {});
        expect(list.map((l) => [l.price, Number(l.quantity)])).toEqual(
          items.map((i) => [CATALOG[i.price as keyof typeof CATALOG], i.quantity]),
        );
        expect(JSON.stringify(sent?.params)).not.toMatch(/unit_amount|price_data/);
      }),
      { numRuns: 15 },
    );
  });
});

describe('quantities', () => {
  const badQuantity = fc.oneof(
    fc.integer({ max: 0 }),
    fc.integer({ min: 100 }),
    fc.double({ noNaN: true }).filter((d) => !Number.isInteger(d)),
    fc.double({ min: 100, noNaN: true }),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer({ min: 1, max: 99 }), { maxLength: 2 }),
    fc.dictionary(fc.string(), fc.integer()),
  );
  it('any quantity that is not an integer 1–99 → 400, no Stripe write', async () => {
    await fc.assert(
      fc.asyncProperty(badQuantity, async (quantity) => {
        const res = await h.call('paymentIntent.create', { body: { items: [{ price: 'basic', quantity }] } });
        expect(refused(res, [400], `quantity ${JSON.stringify(quantity)}`), res.text).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
  it('any refund amount that is not a positive integer → 400', async () => {
    const badAmount = fc.oneof(
      fc.integer({ max: 0 }),
      fc.double({ noNaN: true }).filter((d) => !Number.isInteger(d)),
      fc.string(),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(badAmount, async (amount) => {
        const res = await h.call('refunds.create', {
          as: 'admin',
          body: { paymentIntent: 'pi_doesnotexist0', amount },
        });
        expect(refused(res, [400], `refund amount ${JSON.stringify(amount)}`), res.text).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('path ids', () => {
  it('any string as a path id → 400 or 404, never a 5xx or a write', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ID_ACTIONS),
        fc.oneof(
          fc.string({ minLength: 1, unit: 'binary' }),
          fc.string({ minLength: 1 }).map((s) => `pm_${s}`),
        ),
        fc.boolean(),
        async (action, raw, encode) => {
          // Encoded, or raw with only what cannot appear in a path segment escaped (so `%` stays bare).
          const id = encode
            ? encodeURIComponent(raw)
            : raw.replace(/[/?#\s\\]/g, (c) => encodeURIComponent(c));
          let res: CallResult;
          try {
            res = await h.call(action, { id });
          } catch (error) {
            // `new Request` itself refused the URL: nothing reached the server.
            expect(error).toBeInstanceOf(TypeError);
            return;
          }
          expect(refused(res, [400, 404], `${action} id ${JSON.stringify(id)}`), res.text).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('redirect paths', () => {
  const tricky = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc
      .array(
        fc.constantFrom(
          '/',
          '\\',
          '//',
          '@',
          '.',
          ':',
          '\t',
          '\n',
          ' ',
          '%2F',
          '%5C',
          'evil.com',
          'javascript:',
          'https:',
          SHOP,
          '?',
          '#',
        ),
        {
          minLength: 1,
          maxLength: 8,
        },
      )
      .map((parts) => parts.join('')),
  );
  it('any returnPath is refused, or reaches Stripe as a URL on an allowed origin', async () => {
    await fc.assert(
      fc.asyncProperty(tricky, async (returnPath) => {
        const res = await h.call('portal.create', { body: { returnPath } });
        if (res.status !== 200) {
          expect(refused(res, [400], `returnPath ${JSON.stringify(returnPath)}`), res.text).toBe(true);
          return;
        }
        const url = res.writes.find((w) => w.path === '/v1/billing_portal/sessions')?.params
          .return_url as string;
        const ok = [SHOP, ADMIN_SITE].includes(new URL(url).origin) && !hasParserConfusingChars(url);
        if (!ok) record('unauthorizedSuccess', `returnPath ${JSON.stringify(returnPath)} → ${url}`);
        expect(ok, url).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it('for any foreign host, every SECURITY.md trick on successPath → 400', async () => {
    const tricks = (d: string) => [
      `//${d}`,
      `/\\${d}`,
      `\t//${d}`,
      `https://${d}`,
      `${SHOP}@${d}`,
      `${SHOP}.${d}`,
      `///${d}/x`,
    ];
    await fc.assert(
      fc.asyncProperty(fc.domain(), fc.nat({ max: 6 }), async (domain, i) => {
        const successPath = tricks(domain)[i]!;
        const res = await h.call('checkout.create', {
          body: { items: [{ price: 'basic', quantity: 1 }], successPath },
        });
        expect(refused(res, [400], `successPath ${JSON.stringify(successPath)}`), res.text).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('origins', () => {
  it('any URL whose origin is not allowed → 403 on a write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.webUrl({ withQueryParameters: false, withFragments: false }), async (url) => {
        const origin = new URL(url).origin;
        fc.pre(origin !== SHOP && origin !== ADMIN_SITE);
        const res = await h.call('setupIntent.create', { body: {}, origin });
        expect(refused(res, [403], `Origin ${origin}`), res.text).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
  it('any header value that is not exactly an allowed origin → 403', async () => {
    const value = fc.oneof(
      fc
        .string({ minLength: 1, maxLength: 60 })
        .filter((s) => /^[\x21-\x7e][\x20-\x7e]*[\x21-\x7e]$|^[\x21-\x7e]$/.test(s)),
      fc
        .constantFrom(SHOP, ADMIN_SITE)
        .chain((o) =>
          fc.constantFrom(
            `${o}/`,
            `${o}.`,
            `${o}:443`,
            `${o}.evil.com`,
            o.toUpperCase(),
            o.replace('https', 'http'),
            `${o}@evil.com`,
          ),
        ),
    );
    await fc.assert(
      fc.asyncProperty(value, async (origin) => {
        fc.pre(origin !== SHOP && origin !== ADMIN_SITE);
        const res = await h.call('setupIntent.create', { body: {}, origin });
        expect(refused(res, [403], `Origin ${JSON.stringify(origin)}`), res.text).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
