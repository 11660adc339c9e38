/**
 * Rule 5 of docs/design.md: `successPath`, `cancelPath` and `returnPath` are paths on an allowed origin,
 * checked after URL parsing. Every trick from SECURITY.md, on every redirect field, is refused; the encoded
 * variants are either refused or reach Stripe as a URL on an allowed origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, expectOk } from './support/expect';
import { record } from './support/figures';
import { customerOf } from './support/fixtures';
import {
  ADMIN_SITE,
  type CallOptions,
  type CallResult,
  createHarness,
  type Harness,
  SHOP,
} from './support/harness';
import { ITEMS } from './support/routes';
import { hasParserConfusingChars } from './support/urls';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await customerOf(h, 'alice');
});
afterAll(() => h.close());

interface Field {
  name: string;
  call(path: string, extra?: CallOptions): Promise<CallResult>;
  /** The URL the server handed to Stripe for this field. */
  sent(res: CallResult): string | undefined;
}

const param = (res: CallResult, path: string, key: string) =>
  res.writes.find((w) => w.path === path)?.params[key] as string | undefined;

const FIELDS: Field[] = [
  {
    name: 'successPath (hosted)',
    call: (p, o) => h.call('checkout.create', { ...o, body: { items: ITEMS, successPath: p } }),
    sent: (r) => param(r, '/v1/checkout/sessions', 'success_url'),
  },
  {
    name: 'cancelPath (hosted)',
    call: (p, o) => h.call('checkout.create', { ...o, body: { items: ITEMS, cancelPath: p } }),
    sent: (r) => param(r, '/v1/checkout/sessions', 'cancel_url'),
  },
  {
    name: 'successPath (embedded → return_url)',
    call: (p, o) =>
      h.call('checkout.create', { ...o, body: { items: ITEMS, uiMode: 'embedded', successPath: p } }),
    sent: (r) => param(r, '/v1/checkout/sessions', 'return_url'),
  },
  {
    name: 'returnPath (portal)',
    call: (p, o) => h.call('portal.create', { ...o, body: { returnPath: p } }),
    sent: (r) => param(r, '/v1/billing_portal/sessions', 'return_url'),
  },
];

/** Each must be a 400: SECURITY.md's list and its close relatives. */
const REFUSED: Array<[string, string]> = [
  ['protocol-relative //evil.com', '//evil.com'],
  ['///evil.com', '///evil.com'],
  ['/\\evil.com', '/\\evil.com'],
  ['\\\\evil.com', '\\\\evil.com'],
  ['\\/evil.com', '\\/evil.com'],
  ['/\\/evil.com', '/\\/evil.com'],
  ['a leading tab before //', '\t//evil.com'],
  ['a leading newline before //', '\n//evil.com'],
  ['a CRLF before //', '\r\n//evil.com'],
  ['a leading space before //', ' //evil.com'],
  ['a tab between the slashes', '/\t/evil.com'],
  ['a newline between the slashes', '/\n/evil.com'],
  ['userinfo: https://shop.example.com@evil.com', 'https://shop.example.com@evil.com'],
  ['userinfo with a path', 'https://shop.example.com@evil.com/thanks'],
  ['host suffix: https://shop.example.com.evil.com', 'https://shop.example.com.evil.com'],
  ['host suffix with a path', 'https://shop.example.com.evil.com/thanks'],
  ['a foreign absolute URL', 'https://evil.com/thanks'],
  ['the shop over http', 'http://shop.example.com/thanks'],
  ['javascript:', 'javascript:alert(1)'],
  ['JavaScript: in mixed case', 'JavaScript:alert(document.cookie)'],
  ['javascript: after a space', ' javascript:alert(1)'],
  ['java<tab>script:', 'java\tscript:alert(1)'],
  ['javascript:// with an encoded newline', 'javascript://%0aalert(1)'],
  ['data:', 'data:text/html,<script>alert(1)</script>'],
  ['vbscript:', 'vbscript:msgbox(1)'],
  ['an empty string', ''],
  ['a 3000-character path', `/${'a'.repeat(3000)}`],
];

/** Encoded or odd forms: refused, or sent to Stripe as a URL on an allowed origin. */
const ENCODED: Array<[string, string]> = [
  ['/%2F%2Fevil.com', '/%2F%2Fevil.com'],
  ['%2F%2Fevil.com', '%2F%2Fevil.com'],
  ['/%5Cevil.com', '/%5Cevil.com'],
  ['/%5C%5Cevil.com', '/%5C%5Cevil.com'],
  ['/%09/evil.com', '/%09/evil.com'],
  ['/%0a/evil.com', '/%0a/evil.com'],
  ['%0a//evil.com', '%0a//evil.com'],
  ['double-encoded /%252F%252Fevil.com', '/%252F%252Fevil.com'],
  ['https:evil.com', 'https:evil.com'],
  ['a bare host evil.com', 'evil.com'],
  ['/.//evil.com', '/.//evil.com'],
  ['a fullwidth solidus /／evil.com', '/／evil.com'],
  ['an ideographic full stop', '/evil\u3002com'],
  ['a query holding a URL', '/thanks?next=//evil.com'],
  ['an absolute URL on the shop itself', 'https://shop.example.com/thanks'],
];

const ALLOWED_ORIGINS = new Set([SHOP, ADMIN_SITE]);

/** The URL Stripe will send the buyer to must parse to an allowed origin and carry no parser-confusing bytes. */
function checkSent(field: Field, res: CallResult, input: string): void {
  const url = field.sent(res);
  let origin: string | undefined;
  try {
    origin = url === undefined ? undefined : new URL(url).origin;
  } catch {
    origin = undefined;
  }
  const safe =
    url !== undefined && origin !== undefined && ALLOWED_ORIGINS.has(origin) && !hasParserConfusingChars(url);
  if (!safe)
    record(
      'unauthorizedSuccess',
      `${field.name} ${JSON.stringify(input)} → Stripe got ${JSON.stringify(url)}`,
    );
  expect(safe, `Stripe got ${JSON.stringify(url)}`).toBe(true);
}

describe.each(FIELDS)('$name', (field) => {
  it.each(REFUSED)('%s → 400', async (_n, path) => {
    expectBadInput(await field.call(path), 400, 'invalid_request');
  });
  it.each(ENCODED)('%s → 400, or a URL on an allowed origin', async (_n, path) => {
    const res = await field.call(path);
    if (res.status === 200) checkSent(field, res, path);
    else expectBadInput(res, 400, 'invalid_request');
  });
  it('a plain path is accepted and lands on the request’s own origin', async () => {
    const res = await field.call('/account/thanks?x=1#top');
    expectOk(res);
    expect(field.sent(res)).toBe(`${SHOP}/account/thanks?x=1#top`);
  });
  it('from a listed second origin the redirect lands on that origin', async () => {
    const res = await field.call('/back', { origin: ADMIN_SITE });
    expectOk(res);
    expect(field.sent(res)).toBe(`${ADMIN_SITE}/back`);
  });
});

it('{CHECKOUT_SESSION_ID} reaches Stripe literally, so Stripe can fill it in', async () => {
  const res = await h.call('checkout.create', {
    body: { items: ITEMS, successPath: '/thanks?session_id={CHECKOUT_SESSION_ID}' },
  });
  expectOk(res);
  expect(param(res, '/v1/checkout/sessions', 'success_url')).toBe(
    `${SHOP}/thanks?session_id={CHECKOUT_SESSION_ID}`,
  );
});

it('with no paths given, the defaults are on the request’s own origin', async () => {
  const res = await h.call('checkout.create', { body: { items: ITEMS } });
  expectOk(res);
  for (const key of ['success_url', 'cancel_url']) {
    expect(new URL(param(res, '/v1/checkout/sessions', key) ?? 'x:').origin).toBe(SHOP);
  }
});
