/** The leak scanner itself: each pattern it must catch, and ordinary output it must not flag. */
import { describe, expect, it } from 'vitest';
import { findLeaks } from './support/leaks';

describe('the leak scanner finds', () => {
  const leaky: Array<[string, string, boolean?]> = [
    ['a secret key', 'key=sk_test_51AbCdEf'],
    ['a live secret key', '"sk_live_xyz123"'],
    ['Stripe’s masked key', 'Invalid API Key provided: sk_live_********wxyz'],
    ['a restricted key', 'rk_test_abc123'],
    ['a webhook secret', 'secret: whsec_abc123'],
    ['a stack frame', 'Error: boom\n    at handler (/srv/app/server.ts:10:5)'],
    ['a stack frame inside JSON', JSON.stringify({ stack: 'Error: boom\n    at run (file.js:1:2)' })],
    ['a file path', 'failed in /srv/app/handlers/pay.ts'],
    ['a node_modules path', 'node_modules/stripe/esm/Error.js'],
    ['a Stripe request id', 'request req_AbCdEfGh123456'],
    ['Stripe’s wording', "No such customer: 'cus_123'"],
    ['someone’s client secret', '{"clientSecret":"pi_3Abc_secret_XyZ"}'],
    ['an error class name in a response', 'StripeCardError: declined', true],
  ];
  it.each(leaky)('%s', (_n, text, response = false) => {
    expect(findLeaks(text, new Set(), response).length).toBeGreaterThan(0);
  });
});

describe('the leak scanner lets through', () => {
  const clean: Array<[string, string, Set<string>?]> = [
    ['an error body', '{"error":{"code":"forbidden","message":"You are not allowed to do this."}}'],
    ['a hosted URL', '{"url":"http://127.0.0.1:4242/_simulator/checkout/cs_test_a1"}'],
    ['ids', '{"id":"pi_3Abc","customer":"cus_1","task_key":"desk_test_1"}'],
    [
      'the caller’s own client secret',
      '{"clientSecret":"pi_3Abc_secret_XyZ"}',
      new Set(['pi_3Abc_secret_XyZ']),
    ],
    ['an error class name in a log line', 'logger.warn: tollbooth: stripe error {"type":"StripeCardError"}'],
    ['prose with "at"', 'Retry at a later time.'],
  ];
  it.each(clean)('%s', (_n, text, allowed) => {
    expect(findLeaks(text, allowed ?? new Set())).toEqual([]);
  });
});
