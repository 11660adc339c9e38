import { TollboothError } from '@tollbooth/core';
import { describe, expect, it } from 'vitest';
import { describeError, describeStripeError } from '../../src/_internal/errors';
import { currencyExponent, formatMoney, parseMoney } from '../../src/_internal/money';
import { ResourceStore } from '../../src/_internal/store';
import { toStripeLocale } from '../../src/_internal/stripe-locale';
import { declineMessages, errorMessages } from '../../src/messages';

// Intl puts no-break spaces between code and number; compare with plain spaces.
const fm = (amount: number, currency: string, locale: string) =>
  formatMoney(amount, currency, locale).replace(/\s/g, ' ');

describe('toStripeLocale', () => {
  it('reduces a BCP 47 locale to one Stripe Elements supports', () => {
    expect(toStripeLocale('fr-FR')).toBe('fr');
    expect(toStripeLocale('de-DE')).toBe('de');
    expect(toStripeLocale('en-US')).toBe('en');
    expect(toStripeLocale('en-GB')).toBe('en-GB');
    expect(toStripeLocale('fr-CA')).toBe('fr-CA');
    expect(toStripeLocale('pt-BR')).toBe('pt-BR');
    expect(toStripeLocale('pt-PT')).toBe('pt');
    expect(toStripeLocale('es-ES')).toBe('es');
    expect(toStripeLocale('es-MX')).toBe('es-419');
    expect(toStripeLocale('zh-Hant')).toBe('zh-TW');
    expect(toStripeLocale('zh-HK')).toBe('zh-HK');
    expect(toStripeLocale('zh-CN')).toBe('zh');
    expect(toStripeLocale('nn-NO')).toBe('no');
    expect(toStripeLocale('ja')).toBe('ja');
  });

  it('keeps auto, and falls back to auto for languages Stripe lacks and for malformed tags', () => {
    expect(toStripeLocale('auto')).toBe('auto');
    expect(toStripeLocale('cy-GB')).toBe('auto');
    expect(toStripeLocale('not a locale')).toBe('auto');
  });
});

describe('money', () => {
  it('formats Stripe amounts with the currency exponent Stripe uses', () => {
    expect(fm(1500, 'usd', 'en-US')).toBe('$15.00');
    expect(fm(1500, 'jpy', 'en-US')).toBe('¥1,500');
    expect(fm(1500, 'krw', 'ko-KR')).toBe('₩1,500');
    expect(fm(1500, 'kwd', 'en-US')).toBe('KWD 1.500');
    expect(fm(123456, 'eur', 'de-DE')).toBe('1.234,56 €');
    // ISK is charged in hundredths by Stripe although it shows no decimals.
    expect(fm(50000, 'isk', 'en-US')).toBe('ISK 500');
    expect(currencyExponent('JPY')).toBe(0);
  });

  it('reads an amount typed in main units', () => {
    expect(parseMoney('12.5', 'usd')).toBe(1250);
    expect(parseMoney('12.05', 'usd')).toBe(1205);
    expect(parseMoney('1500', 'jpy')).toBe(1500);
    expect(parseMoney('15.5', 'jpy')).toBeNull();
    expect(parseMoney('1.234', 'kwd')).toBe(1234);
    expect(parseMoney('0', 'usd')).toBeNull();
    expect(parseMoney('-3', 'usd')).toBeNull();
    expect(parseMoney('1.999', 'usd')).toBeNull();
  });
});

describe('error messages', () => {
  it('shows our own message per code, the server message only for card declines', () => {
    const forbidden = describeError(new TollboothError('forbidden', 'policy xyz denied'), errorMessages);
    expect(forbidden).toEqual({ code: 'forbidden', message: errorMessages.forbidden, retryable: false });
    expect(describeError(new TollboothError('network_error', 'x'), errorMessages).retryable).toBe(true);
    expect(describeError(new TollboothError('rate_limited', 'x'), errorMessages).retryable).toBe(true);
    expect(describeError(new TollboothError('unauthenticated', 'x'), errorMessages).message).toBe(
      errorMessages.unauthenticated,
    );
    expect(describeError(new TollboothError('upstream_error', 'raw stripe'), errorMessages).message).toBe(
      errorMessages.server_error,
    );
    expect(
      describeError(new TollboothError('card_declined', 'Your card has insufficient funds.'), errorMessages)
        .message,
    ).toBe('Your card has insufficient funds.');
  });

  it('keys decline messages by decline code and hides fraud-type reasons', () => {
    const d = (e: object) => describeStripeError(e, declineMessages, errorMessages).message;
    expect(
      d({ type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'x' }),
    ).toBe(declineMessages.insufficient_funds);
    for (const code of ['fraudulent', 'stolen_card', 'lost_card', 'pickup_card']) {
      expect(
        d({
          type: 'card_error',
          code: 'card_declined',
          decline_code: code,
          message: 'Your card was reported stolen.',
        }),
      ).toBe(declineMessages.generic_decline);
    }
    expect(d({ type: 'card_error', code: 'card_declined', message: 'x' })).toBe(
      declineMessages.generic_decline,
    );
    expect(d({ type: 'card_error', code: 'expired_card', message: 'x' })).toBe(declineMessages.expired_card);
    expect(d({ type: 'invalid_request_error', code: 'payment_intent_authentication_failure' })).toBe(
      declineMessages.authentication_failed,
    );
    expect(d({ type: 'validation_error', message: 'Your card number is incomplete.' })).toBe(
      'Your card number is incomplete.',
    );
    expect(d({ type: 'api_error', message: 'internal details' })).toBe(errorMessages.server_error);
  });
});

describe('ResourceStore', () => {
  it('joins a request already on the way and notifies every reader', async () => {
    const store = new ResourceStore();
    let calls = 0;
    const fetcher = async () => {
      calls += 1;
      return { n: calls };
    };
    const seen: string[] = [];
    store.subscribe('k', () => seen.push(store.get('k').status));
    const [a, b] = await Promise.all([store.load('k', fetcher), store.load('k', fetcher)]);
    expect(calls).toBe(1);
    expect(a).toBe(b);
    expect(store.get('k')).toMatchObject({ status: 'succeeded', data: { n: 1 }, fetching: false });
    await store.load('k', fetcher);
    expect(calls).toBe(2);
    expect(seen).toContain('succeeded');
  });

  it('keeps the error and recovers on the next load', async () => {
    const store = new ResourceStore();
    await expect(
      store.load('k', () => Promise.reject(new TollboothError('forbidden', 'no'))),
    ).rejects.toThrow('no');
    expect(store.get('k')).toMatchObject({ status: 'error', fetching: false });
    await store.load('k', async () => 1);
    expect(store.get('k')).toMatchObject({ status: 'succeeded', data: 1, error: undefined });
  });
});
