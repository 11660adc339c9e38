import { describe, expect, test } from 'vitest';
import {
  cardBrand,
  formatCardNumber,
  formatExpiry,
  validateCard,
  validateExpiry,
  validateNumber,
} from '../../src/stripe-js/card';
import { formEncode, intentIdFromSecret } from '../../src/stripe-js/http';

describe('card input rules', () => {
  test('formats numbers per brand and expiry as MM / YY', () => {
    expect(formatCardNumber('4242424242424242')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('378282246310005')).toBe('3782 822463 10005');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(formatExpiry('1230')).toBe('12 / 30');
    expect(formatExpiry('4')).toBe('04 / ');
    expect(formatExpiry('12 / ', true)).toBe('12');
  });

  test('reports Stripe.js’s codes for incomplete, invalid and past input', () => {
    expect(validateNumber('4242 4242')?.code).toBe('incomplete_number');
    expect(validateNumber('4242424242424241')?.code).toBe('invalid_number');
    expect(validateNumber('4000 0025 0000 3155')).toBeNull();
    const june2030 = new Date(2030, 5, 15);
    expect(validateExpiry('05 / 30', june2030)?.code).toBe('invalid_expiry_month_past');
    expect(validateExpiry('12 / 29', june2030)?.code).toBe('invalid_expiry_year_past');
    expect(validateExpiry('13 / 31', june2030)?.code).toBe('invalid_expiry_month');
    expect(validateExpiry('06 / 30', june2030)).toBeNull();
    const all = validateCard({ number: '', expiry: '', cvc: '', postalCode: '' }, { postalCode: true });
    expect(all.map((e) => e.code)).toEqual([
      'incomplete_number',
      'incomplete_expiry',
      'incomplete_cvc',
      'incomplete_zip',
    ]);
    const expiry = `12${(new Date().getFullYear() + 3) % 100}`;
    const amex = { number: '378282246310005', expiry, cvc: '123', postalCode: '' };
    expect(validateCard(amex, { postalCode: false }).map((e) => e.code)).toEqual(['incomplete_cvc']);
    expect(validateCard({ ...amex, cvc: '1234' }, { postalCode: false })).toEqual([]);
  });

  test('encodes nested params the way the API reads them, and finds the id in a client secret', () => {
    expect(decodeURIComponent(formEncode({ a: { b: { c: 1 } }, list: ['x'], skip: undefined }))).toBe(
      'a[b][c]=1&list[0]=x',
    );
    expect(intentIdFromSecret('pi_3Qabc_secret_xyz')).toBe('pi_3Qabc');
    expect(intentIdFromSecret('cs_test_a1_secret_b2')).toBe('cs_test_a1');
    expect(intentIdFromSecret('nonsense')).toBeNull();
  });
});
