// "rule N" in the case names below is rule N of docs/design.md.
import { describe, expect, it } from 'vitest';
import { call, errorOf, recordingStripe, setup } from './helpers';
import { simSetup } from './sim';

describe('POST /refunds', () => {
  it('lets support refund up to 5000 via the loaded PaymentIntent, and no more', async () => {
    const t = simSetup();
    const pi = await t.paidIntent(9000);
    const writes = t.mark();
    const over = await t.tollbooth.handle(
      call('/refunds', { user: 's1:support', body: { paymentIntent: pi, amount: 5001 } }),
    );
    expect(over.status).toBe(403);
    // Leaving the amount out means the whole 9000: also over the limit.
    const whole = await t.tollbooth.handle(
      call('/refunds', { user: 's1:support', body: { paymentIntent: pi } }),
    );
    expect(whole.status).toBe(403);
    expect(writes()).toEqual([]);
    const ok = await t.tollbooth.handle(
      call('/refunds', {
        user: 's1:support',
        body: { paymentIntent: pi, amount: 5000, reason: 'requested_by_customer' },
      }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      amount: 5000,
      currency: 'usd',
      id: expect.stringMatching(/^re_/),
    });
    const create = t.sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/refunds');
    expect(create?.params).toMatchObject({
      payment_intent: pi,
      amount: '5000',
      reason: 'requested_by_customer',
    });
    expect(create?.idempotencyKey).toMatch(/^tollbooth-/);
  });

  it('refuses customers (403), anonymous (401), and answers 404 for a missing PaymentIntent', async () => {
    const t = simSetup();
    const pi = await t.paidIntent(1000);
    expect(
      (await t.tollbooth.handle(call('/refunds', { user: 'c1:customer', body: { paymentIntent: pi } })))
        .status,
    ).toBe(403);
    expect((await t.tollbooth.handle(call('/refunds', { body: { paymentIntent: pi } }))).status).toBe(401);
    expect(
      (await t.tollbooth.handle(call('/refunds', { user: 'a:admin', body: { paymentIntent: 'pi_missing' } })))
        .status,
    ).toBe(404);
    expect(
      (await t.tollbooth.handle(call('/refunds', { user: 'a:admin', body: { paymentIntent: 'ch_1' } })))
        .status,
    ).toBe(400);
  });

  it('refunds the remaining amount for an admin and refuses more than was paid', async () => {
    const t = simSetup();
    const pi = await t.paidIntent(2000);
    const tooMuch = await t.tollbooth.handle(
      call('/refunds', { user: 'a:admin', body: { paymentIntent: pi, amount: 2001 } }),
    );
    expect(tooMuch.status).toBe(400);
    const part = await t.tollbooth.handle(
      call('/refunds', { user: 'a:admin', body: { paymentIntent: pi, amount: 500 } }),
    );
    expect(part.status).toBe(200);
    const writes = t.mark();
    const overRemaining = await t.tollbooth.handle(
      call('/refunds', { user: 'a:admin', body: { paymentIntent: pi, amount: 1501 } }),
    );
    expect(overRemaining.status).toBe(400);
    expect(writes()).toEqual([]);
    const rest = await t.tollbooth.handle(call('/refunds', { user: 'a:admin', body: { paymentIntent: pi } }));
    expect(await rest.json()).toMatchObject({ amount: 1500 });
    const again = await t.tollbooth.handle(
      call('/refunds', { user: 'a:admin', body: { paymentIntent: pi } }),
    );
    expect(again.status).toBe(409);
  });

  it('hands authorize the PaymentIntent with its charge, so a policy can see what was refunded', async () => {
    let refunded: unknown;
    const t = simSetup({
      authorize: (_u, _a, ctx) => {
        if (ctx.action === 'refunds.create' && typeof ctx.resource.latest_charge === 'object') {
          refunded = ctx.resource.latest_charge?.amount_refunded;
        }
        return false;
      },
    });
    const pi = await t.paidIntent(3000);
    await t.admin.refunds.create({ payment_intent: pi, amount: 1000 });
    expect(
      (await t.tollbooth.handle(call('/refunds', { user: 'a', body: { paymentIntent: pi } }))).status,
    ).toBe(403);
    expect(refunded).toBe(1000);
  });
});

describe('concurrent refunds', () => {
  it('never refund more than the charge, even ten at once with different keys', async () => {
    const t = simSetup();
    const pi = await t.paidIntent(9000);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.tollbooth.handle(
          call('/refunds', {
            user: 'a:admin',
            body: { paymentIntent: pi, amount: 5000 },
            idempotencyKey: `k${i}`,
          }),
        ),
      ),
    );
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of responses) expect(r.status).toBeLessThan(500);
  });
});

/** A Stripe that answers every call with one canned error, to exercise the one mapping place. */
function failingStripe(status: number, error: Record<string, unknown>) {
  return recordingStripe(
    async () =>
      new Response(JSON.stringify({ error }), {
        status,
        headers: { 'content-type': 'application/json', 'request-id': 'req_secret123' },
      }),
  );
}

describe('Stripe errors are mapped at one place (rule 8)', () => {
  const body = { items: [{ price: 'basic', quantity: 1 }] };

  it.each([
    [
      402,
      {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
      },
      402,
      'card_declined',
      'Your card has insufficient funds.',
    ],
    [
      402,
      {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'stolen_card',
        message: 'Your card was reported stolen.',
      },
      402,
      'card_declined',
      'Your card was declined.',
    ],
    [
      402,
      { type: 'card_error', code: 'card_declined', decline_code: 'fraudulent', message: 'Fraud suspected.' },
      402,
      'card_declined',
      'Your card was declined.',
    ],
    [
      402,
      { type: 'card_error', code: 'card_declined', decline_code: 'lost_card', message: 'Lost card.' },
      402,
      'card_declined',
      'Your card was declined.',
    ],
    [
      400,
      {
        type: 'idempotency_error',
        message: 'Keys for idempotent requests can only be used with the same parameters',
      },
      409,
      'conflict',
      undefined,
    ],
    [
      429,
      { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests sk_test_leak' },
      429,
      'rate_limited',
      undefined,
    ],
    [
      500,
      { type: 'api_error', message: 'Internal failure req_abc sk_live_leak' },
      502,
      'upstream_error',
      undefined,
    ],
    [
      401,
      { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_live_****leak' },
      502,
      'upstream_error',
      undefined,
    ],
    [
      400,
      { type: 'invalid_request_error', message: 'No such customer: cus_x; raw detail' },
      400,
      'invalid_request',
      undefined,
    ],
  ])('Stripe %i %o → %i %s', async (status, error, wantStatus, wantCode, wantMessage) => {
    const failing = failingStripe(status, error);
    const { tollbooth } = setup({ stripe: failing.stripe });
    const res = await tollbooth.handle(call('/payment-intents', { body, user: 'u1' }));
    expect(res.status).toBe(wantStatus);
    const text = await res.text();
    const err = (JSON.parse(text) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe(wantCode);
    if (wantMessage) expect(err.message).toBe(wantMessage);
    else expect(err.message).not.toBe(error.message);
    for (const leak of ['sk_', 'req_', 'raw detail', 'cus_x', 'stack']) expect(text).not.toContain(leak);
  });

  it('maps a connection failure to 502 without leaking', async () => {
    const down = recordingStripe(async () => {
      throw new TypeError('fetch failed: connect ECONNREFUSED 10.0.0.1');
    });
    const { tollbooth, logger } = setup({ stripe: down.stripe });
    const res = await tollbooth.handle(call('/payment-intents', { body, user: 'u1' }));
    expect(res.status).toBe(502);
    expect(await res.text()).not.toContain('ECONNREFUSED');
    expect(logger.lines.join('\n')).not.toContain('sk_test');
  });

  it('maps an unexpected exception to 500 internal_error without its message', async () => {
    const { tollbooth } = setup({
      authorize: () => true,
      customers: {
        find: async () => {
          throw new Error('db password=hunter2');
        },
        save: async () => {},
      },
    });
    const res = await tollbooth.handle(call('/setup-intents', { body: {}, user: 'u1' }));
    expect(res.status).toBe(500);
    expect(await errorOf(res)).toEqual({ code: 'internal_error', message: 'Something went wrong.' });
  });
});
