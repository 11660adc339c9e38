/**
 * Rule 9 of docs/design.md: the raw bytes are verified, 300 s tolerance both ways, rotated secrets accepted,
 * each event claimed once (also under concurrency), a throwing handler releases its claim, unknown types
 * acknowledged, 1 MiB cap.
 */
import { signWebhook } from '@tollbooth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, expectOk } from './support/expect';
import { record } from './support/figures';
import {
  BASE_PATH,
  type CallResult,
  createHarness,
  type Harness,
  OLD_WEBHOOK_SECRET,
  SHOP,
  WEBHOOK_SECRET,
} from './support/harness';

/** How many times the handler ran per event id, and the events it saw. */
const runs = new Map<string, number>();
const seen = new Map<string, unknown>();
/** Events whose handler throws on its first run (an Error, or a bare string for `throwStringOnce`). */
const throwOnce = new Set<string>();
const throwStringOnce = new Set<string>();
/** Events whose handler waits for this gate (so duplicates arrive while the first is still running). */
let gate: Promise<void> | null = null;

async function handler(event: { id: string }): Promise<void> {
  runs.set(event.id, (runs.get(event.id) ?? 0) + 1);
  seen.set(event.id, event);
  if (gate) await gate;
  if (throwStringOnce.delete(event.id)) throw 'handler gave up';
  if (throwOnce.delete(event.id)) {
    // The kind of error a real handler throws: it carries a secret and a path the response must not echo.
    throw new Error(`db write failed for sk_test_handlerLeak123 at /srv/app/handlers.ts:42`);
  }
}

let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    config: {
      webhooks: {
        secret: [WEBHOOK_SECRET, OLD_WEBHOOK_SECRET],
        on: { 'payment_intent.succeeded': handler, 'checkout.session.completed': handler },
      },
    },
  });
});
afterAll(() => h.close());

let counter = 0;
function makeEvent(type = 'payment_intent.succeeded', note = 'plain'): { id: string; payload: string } {
  counter += 1;
  const id = `evt_sec${Date.now().toString(36)}${counter}`;
  const event = {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: {
        id: `pi_sec${counter}`,
        object: 'payment_intent',
        amount: 1500,
        currency: 'usd',
        metadata: { note },
      },
    },
  };
  return { id, payload: JSON.stringify(event) };
}

const now = () => Math.floor(Date.now() / 1000);

function deliver(
  body: BodyInit,
  signature: string | null,
  headers: Record<string, string> = {},
): Promise<CallResult> {
  const init: RequestInit & { duplex?: 'half' } = {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'stripe-signature': signature }),
      ...headers,
    },
    body,
  };
  if (body instanceof ReadableStream) init.duplex = 'half';
  return h.send(new Request(`${SHOP}${BASE_PATH}/webhooks`, init), null);
}

/** A refused delivery must not have run any handler. */
function expectRejected(res: CallResult, id: string, statuses: number | number[] = 400): void {
  if ((runs.get(id) ?? 0) > 0)
    record('unauthorizedSuccess', `webhook ${id} ran its handler on a refused delivery`);
  expect(runs.get(id) ?? 0, 'handler must not run').toBe(0);
  expectBadInput(res, statuses);
}

describe('signatures', () => {
  it('a valid delivery is acknowledged and handled once (positive control)', async () => {
    const e = makeEvent();
    const res = await deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET));
    expectOk(res);
    expect(res.json).toEqual({ received: true });
    expect(runs.get(e.id)).toBe(1);
    expect(seen.get(e.id)).toEqual(JSON.parse(e.payload));
  });

  it('a missing Stripe-Signature → 400', async () => {
    const e = makeEvent();
    expectRejected(await deliver(e.payload, null), e.id);
  });

  const garbage: Array<[string, (payload: string) => string]> = [
    ['an empty header', () => ''],
    ['words', () => 'garbage'],
    ['a non-numeric timestamp', () => 't=abc,v1=deadbeef'],
    ['a bare t with no value', () => 't,v1=deadbeef'],
    [
      'a future-signed header with a current t appended',
      (p) => `${signWebhook(p, WEBHOOK_SECRET, { timestamp: now() + 3600 })},t=${now()}`,
    ],
    [
      'a current t before a future-signed header',
      (p) => `t=${now()},${signWebhook(p, WEBHOOK_SECRET, { timestamp: now() + 3600 })}`,
    ],
    ['a signature but no timestamp', (p) => signWebhook(p, WEBHOOK_SECRET).replace(/^t=\d+,/, '')],
    ['a timestamp but no signature', () => `t=${now()}`],
    ['only a v0 signature', (p) => signWebhook(p, WEBHOOK_SECRET).replace('v1=', 'v0=')],
    ['an empty v1', () => `t=${now()},v1=`],
    [
      'the signature upper-cased',
      (p) => signWebhook(p, WEBHOOK_SECRET).replace(/v1=(\w+)/, (_m, s: string) => `v1=${s.toUpperCase()}`),
    ],
    ['a signature of another payload', () => signWebhook('{"id":"evt_other"}', WEBHOOK_SECRET)],
    ['a truncated signature', (p) => signWebhook(p, WEBHOOK_SECRET).slice(0, -2)],
  ];
  it.each(garbage)('%s → 400', async (_n, make) => {
    const e = makeEvent();
    expectRejected(await deliver(e.payload, make(e.payload)), e.id);
  });

  it.each([
    ['another whsec_ secret', 'whsec_notOurs0123456789abcdef'],
    ['the API secret key', 'sk_test_tollboothSecurity0123456789'],
    ['an empty secret', ''],
    ['the secret without its prefix', WEBHOOK_SECRET.slice('whsec_'.length)],
  ])('signed with %s → 400', async (_n, secret) => {
    const e = makeEvent();
    expectRejected(await deliver(e.payload, signWebhook(e.payload, secret)), e.id);
  });

  it.each([
    ['400 s old', -400],
    ['an hour old', -3600],
    ['a day old', -86_400],
    ['400 s in the future', 400],
    ['an hour in the future', 3600],
    ['at timestamp 0', Number.NaN],
  ])('a timestamp %s → 400', async (_n, offset) => {
    const e = makeEvent();
    const timestamp = Number.isNaN(offset) ? 0 : now() + offset;
    expectRejected(await deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET, { timestamp })), e.id);
  });

  it.each([
    ['200 s old', -200],
    ['200 s in the future', 200],
  ])('a timestamp %s is inside the tolerance', async (_n, offset) => {
    const e = makeEvent();
    expectOk(await deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET, { timestamp: now() + offset })));
    expect(runs.get(e.id)).toBe(1);
  });
});

describe('the raw bytes are what is verified', () => {
  const reserialized: Array<[string, (payload: string) => string]> = [
    ['re-serialized with indentation', (p) => JSON.stringify(JSON.parse(p), null, 2)],
    ['with a trailing newline', (p) => `${p}\n`],
    [
      'with keys reordered',
      (p) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(p)).reverse())),
    ],
    ['with a leading byte-order mark', (p) => `\ufeff${p}`],
    ['with the amount changed', (p) => p.replace('"amount":1500', '"amount":1')],
  ];
  it.each(reserialized)('a body %s after signing → 400', async (_n, change) => {
    const e = makeEvent();
    const signature = signWebhook(e.payload, WEBHOOK_SECRET);
    expectRejected(await deliver(change(e.payload), signature), e.id);
  });

  const note = 'Zürich — 東京 🎉 “quoted” \u00a0nbsp';
  it('a non-ASCII body sent as its exact UTF-8 bytes verifies and reaches the handler intact', async () => {
    const e = makeEvent('payment_intent.succeeded', note);
    const res = await deliver(new TextEncoder().encode(e.payload), signWebhook(e.payload, WEBHOOK_SECRET));
    expectOk(res);
    expect(
      (seen.get(e.id) as { data: { object: { metadata: { note: string } } } }).data.object.metadata.note,
    ).toBe(note);
  });
  it('the same body sent as Latin-1 bytes (mangled in transit) → 400', async () => {
    const e = makeEvent('payment_intent.succeeded', 'Zürich');
    const latin1 = Uint8Array.from(e.payload, (c) => c.charCodeAt(0) & 0xff);
    expectRejected(await deliver(latin1, signWebhook(e.payload, WEBHOOK_SECRET)), e.id);
  });
  it('a non-ASCII body streamed in 7-byte chunks (splitting characters) still verifies', async () => {
    const e = makeEvent('payment_intent.succeeded', note);
    const bytes = new TextEncoder().encode(e.payload);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 7) c.enqueue(bytes.slice(i, i + 7));
        c.close();
      },
    });
    expectOk(await deliver(stream, signWebhook(e.payload, WEBHOOK_SECRET)));
    expect(runs.get(e.id)).toBe(1);
  });
});

describe('rotated secrets', () => {
  it.each([
    ['the current secret', WEBHOOK_SECRET],
    ['the previous secret', OLD_WEBHOOK_SECRET],
  ])('signed with %s → 200', async (_n, secret) => {
    const e = makeEvent();
    expectOk(await deliver(e.payload, signWebhook(e.payload, secret)));
    expect(runs.get(e.id)).toBe(1);
  });
  it('a header with two v1 signatures, one valid, → 200 (Stripe signs with each secret while rolling)', async () => {
    const e = makeEvent();
    const t = now();
    const valid = signWebhook(e.payload, OLD_WEBHOOK_SECRET, { timestamp: t });
    const bogus = signWebhook(e.payload, 'whsec_bogus000000000000', { timestamp: t }).split(',')[1];
    expectOk(await deliver(e.payload, `${valid.split(',')[0]},${bogus},${valid.split(',')[1]}`));
  });
});

describe('duplicates', () => {
  it('the same event delivered twice runs the handler once', async () => {
    const e = makeEvent();
    expectOk(await deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET)));
    const again = await deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET, { timestamp: now() - 5 }));
    expectOk(again);
    if (runs.get(e.id) !== 1) record('duplicateSideEffect', `webhook ${e.id} ran ${runs.get(e.id)} times`);
    expect(runs.get(e.id)).toBe(1);
  });

  it.each([10, 50])('%i concurrent deliveries of one event run the handler once', async (n) => {
    const e = makeEvent();
    let open: () => void = () => {};
    gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    try {
      const pending = Array.from({ length: n }, () =>
        deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET)),
      );
      // Let the duplicates get as far as they can (to the claim) before the first handler finishes. This only
      // widens the race; the assertion holds however the deliveries interleave.
      for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
      open();
      const results = await Promise.all(pending);
      // Rule 9: a duplicate during the lease answers 409 (Stripe retries it later), one after it 200.
      const statuses = results.map((res) => res.status);
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
      expect(statuses).toContain(200);
    } finally {
      open();
      gate = null;
    }
    if (runs.get(e.id) !== 1)
      record('duplicateSideEffect', `webhook ${e.id} ran ${runs.get(e.id)} times for ${n} deliveries`);
    expect(runs.get(e.id)).toBe(1);
  });
});

describe('failures and odd deliveries', () => {
  it('a throwing handler answers 500 without a leak, releases its claim, and the retry runs it again', async () => {
    const e = makeEvent();
    throwOnce.add(e.id);
    const first = await deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET));
    expect(first.status).toBe(500);
    expect(first.json?.error?.code).toBe('internal_error');
    expect(first.text).not.toContain('db write failed');
    const retry = await deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET));
    expectOk(retry);
    expect(runs.get(e.id)).toBe(2);
    const third = await deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET));
    expectOk(third);
    expect(runs.get(e.id)).toBe(2);
  });

  it('a handler throwing a non-Error value is handled the same way', async () => {
    const e = makeEvent();
    throwStringOnce.add(e.id);
    const first = await deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET));
    expect(first.status).toBe(500);
    expect(first.text).not.toContain('handler gave up');
    expectOk(await deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET)));
    expect(runs.get(e.id)).toBe(2);
  });

  it('with no webhooks configured, /webhooks is 404 even with a valid signature', async () => {
    const bare = await createHarness({ config: { webhooks: undefined } });
    try {
      const e = makeEvent();
      const res = await bare.send(
        new Request(`${SHOP}${BASE_PATH}/webhooks`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'stripe-signature': signWebhook(e.payload, WEBHOOK_SECRET),
          },
          body: e.payload,
        }),
        null,
      );
      expectBadInput(res, 404, 'not_found');
    } finally {
      await bare.close();
    }
  });

  it.each(['__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'toString'])(
    'a signed event whose type is an Object.prototype key (%s) is an unknown type → 200, nothing run',
    async (type) => {
      const e = makeEvent(type);
      const res = await deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET));
      expectOk(res);
      expect(runs.get(e.id) ?? 0).toBe(0);
    },
  );

  it.each(['account.updated', 'made.up.event', 'customer.subscription.deleted'])(
    'an unknown or unhandled type (%s) → 200, no handler',
    async (type) => {
      const e = makeEvent(type);
      const res = await deliver(e.payload, signWebhook(e.payload, WEBHOOK_SECRET));
      expectOk(res);
      expect(runs.get(e.id) ?? 0).toBe(0);
    },
  );

  const MiB = 1024 * 1024;
  /** A signed, valid event padded to `size` bytes, so only its size can be the reason to refuse it. */
  const big = (size: number) => {
    const e = makeEvent('payment_intent.succeeded', 'x');
    const payload = e.payload.replace('"note":"x"', `"note":"${'x'.repeat(size - e.payload.length + 1)}"`);
    return { id: e.id, payload, signature: signWebhook(payload, WEBHOOK_SECRET) };
  };
  it('a body over 1 MiB → 413', async () => {
    const e = big(MiB + 1);
    expectRejected(await deliver(e.payload, e.signature), e.id, 413);
  });
  it('a body over 1 MiB with a Content-Length that lies low → 413', async () => {
    const e = big(MiB + 10);
    expectRejected(await deliver(e.payload, e.signature, { 'content-length': '100' }), e.id, 413);
  });
  it('a body over 1 MiB streamed with no length → 413', async () => {
    const e = big(2 * MiB);
    const bytes = new TextEncoder().encode(e.payload);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(bytes.slice(i, i + 64 * 1024));
        c.close();
      },
    });
    expectRejected(await deliver(stream, e.signature), e.id, 413);
  });
  it('a signed body just under 1 MiB is accepted (the cap is not lower than documented)', async () => {
    const e = big(MiB - 100);
    expectOk(await deliver(e.payload, e.signature));
  });
  it('GET /webhooks → 405', async () => {
    expectBadInput(await h.call(null, { path: '/webhooks', as: null }), 405, 'method_not_allowed');
  });
  it('a signed body that is not JSON → 400, no 5xx', async () => {
    const payload = 'not json at all';
    const res = await deliver(payload, signWebhook(payload, WEBHOOK_SECRET));
    expectBadInput(res, 400);
  });
});
