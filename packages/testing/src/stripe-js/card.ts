/** Card input parsing and validation, with Stripe.js's error codes and messages. Pure: no DOM. */

export type CardBrand =
  | 'visa'
  | 'mastercard'
  | 'amex'
  | 'discover'
  | 'diners'
  | 'jcb'
  | 'unionpay'
  | 'unknown';

export type CardField = 'number' | 'expiry' | 'cvc' | 'postalCode';

/** A field's problem, as Stripe.js reports it in a `validation_error`. */
export interface CardFieldError {
  field: CardField;
  code: string;
  message: string;
}

/** What the inputs hold, normalised. */
export interface CardInput {
  number: string;
  expiry: string;
  cvc: string;
  postalCode: string;
}

/** Card data in the shape the API's `payment_method_data[card]` expects. */
export interface CardData {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
}

const digits = (value: string): string => value.replace(/\D+/g, '');

export function cardBrand(number: string): CardBrand {
  const n = digits(number);
  if (/^4/.test(n)) return 'visa';
  if (/^3[47]/.test(n)) return 'amex';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(n)) return 'mastercard';
  if (/^(6011|64[4-9]|65)/.test(n)) return 'discover';
  if (/^3(0[0-5]|[689])/.test(n)) return 'diners';
  if (/^35/.test(n)) return 'jcb';
  if (/^62/.test(n)) return 'unionpay';
  return 'unknown';
}

/** Amex has 15 digits and a 4-digit CVC; Diners 14; the rest 16 (19 accepted for unionpay). */
function numberLengths(brand: CardBrand): number[] {
  if (brand === 'amex') return [15];
  if (brand === 'diners') return [14, 16];
  if (brand === 'unionpay') return [16, 17, 18, 19];
  return [16];
}

const cvcLength = (brand: CardBrand): number => (brand === 'amex' ? 4 : 3);

function luhn(n: string): boolean {
  let sum = 0;
  for (let i = 0; i < n.length; i++) {
    let d = Number(n[n.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** `4242424242424242` → `4242 4242 4242 4242`; amex groups 4-6-5 like the real field. */
export function formatCardNumber(value: string): string {
  const brand = cardBrand(value);
  const max = Math.max(...numberLengths(brand));
  const n = digits(value).slice(0, max);
  const groups = brand === 'amex' ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= n.length) break;
    parts.push(n.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
}

/** `1234` → `12 / 34`. While deleting, the separator is not re-added so Backspace can pass it. */
export function formatExpiry(value: string, deleting = false): string {
  let n = digits(value).slice(0, 4);
  // A leading 2–9 can only be a single-digit month, as in Stripe's field.
  if (/^[2-9]$/.test(n)) n = `0${n}`;
  if (n.length < 2) return n;
  if (n.length === 2) return deleting ? n : `${n} / `;
  return `${n.slice(0, 2)} / ${n.slice(2)}`;
}

export function formatCvc(value: string): string {
  return digits(value).slice(0, 4);
}

export function validateNumber(value: string): CardFieldError | null {
  const n = digits(value);
  const brand = cardBrand(n);
  const lengths = numberLengths(brand);
  if (n.length < Math.min(...lengths)) {
    return { field: 'number', code: 'incomplete_number', message: 'Your card number is incomplete.' };
  }
  if (!lengths.includes(n.length) || !luhn(n)) {
    return { field: 'number', code: 'invalid_number', message: 'Your card number is invalid.' };
  }
  return null;
}

/** `now` is injected so tests of the past/future rules do not depend on the clock. */
export function validateExpiry(value: string, now = new Date()): CardFieldError | null {
  const n = digits(value);
  if (n.length < 4) {
    return {
      field: 'expiry',
      code: 'incomplete_expiry',
      message: "Your card's expiration date is incomplete.",
    };
  }
  const month = Number(n.slice(0, 2));
  const year = 2000 + Number(n.slice(2, 4));
  if (month < 1 || month > 12) {
    return {
      field: 'expiry',
      code: 'invalid_expiry_month',
      message: "Your card's expiration date is invalid.",
    };
  }
  const thisYear = now.getFullYear();
  if (year < thisYear) {
    return {
      field: 'expiry',
      code: 'invalid_expiry_year_past',
      message: "Your card's expiration year is in the past.",
    };
  }
  if (year === thisYear && month < now.getMonth() + 1) {
    return {
      field: 'expiry',
      code: 'invalid_expiry_month_past',
      message: "Your card's expiration date is in the past.",
    };
  }
  if (year > thisYear + 50) {
    return {
      field: 'expiry',
      code: 'invalid_expiry_year',
      message: "Your card's expiration year is invalid.",
    };
  }
  return null;
}

export function validateCvc(value: string, number: string): CardFieldError | null {
  if (digits(value).length < cvcLength(cardBrand(number))) {
    return { field: 'cvc', code: 'incomplete_cvc', message: "Your card's security code is incomplete." };
  }
  return null;
}

export function validatePostalCode(value: string): CardFieldError | null {
  if (value.trim().length < 3) {
    return { field: 'postalCode', code: 'incomplete_zip', message: 'Your postal code is incomplete.' };
  }
  return null;
}

/** Every problem, in field order (the first is the one Stripe.js returns and focuses). */
export function validateCard(input: CardInput, options: { postalCode: boolean }): CardFieldError[] {
  const errors = [
    validateNumber(input.number),
    validateExpiry(input.expiry),
    validateCvc(input.cvc, input.number),
    options.postalCode ? validatePostalCode(input.postalCode) : null,
  ];
  return errors.filter((e): e is CardFieldError => e !== null);
}

export function toCardData(input: CardInput): CardData {
  const exp = digits(input.expiry);
  return {
    number: digits(input.number),
    exp_month: Number(exp.slice(0, 2)),
    exp_year: 2000 + Number(exp.slice(2, 4)),
    cvc: digits(input.cvc),
  };
}
