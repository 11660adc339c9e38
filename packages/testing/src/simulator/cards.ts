import { SimulatorError } from './errors';

/** What a test card does when charged or set up. */
export type CardBehaviour =
  | { kind: 'succeed' }
  | {
      kind: 'decline';
      code: string;
      declineCode?: string;
      message: string;
      param?: string;
      /** Attaches and sets up fine; only charges fail (4000 0000 0000 0341, for failed renewals). */
      chargesOnly?: true;
    }
  /** 3-D Secure on every payment and setup (4000 0027 6000 3184). */
  | { kind: 'authenticate_always' }
  /** 3-D Secure unless the card was set up for off-session use first (4000 0025 0000 3155). */
  | { kind: 'authenticate_unless_setup' };

const declined = (declineCode: string, message = 'Your card was declined.') => ({
  kind: 'decline' as const,
  code: 'card_declined',
  declineCode,
  message,
});

/** Stripe's test card numbers, by number. Unknown numbers that pass the Luhn check succeed. */
export const TEST_CARDS: Record<string, CardBehaviour> = {
  '4242424242424242': { kind: 'succeed' },
  '5555555555554444': { kind: 'succeed' },
  '4000000000000002': declined('generic_decline'),
  '4000000000009995': declined('insufficient_funds', 'Your card has insufficient funds.'),
  '4000000000009987': declined('lost_card'),
  '4000000000009979': declined('stolen_card'),
  '4000000000000069': {
    kind: 'decline',
    code: 'expired_card',
    declineCode: 'expired_card',
    message: 'Your card has expired.',
    param: 'exp_month',
  },
  '4000000000000127': {
    kind: 'decline',
    code: 'incorrect_cvc',
    declineCode: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
    param: 'cvc',
  },
  '4000000000000341': { ...declined('generic_decline'), chargesOnly: true },
  '4000002760003184': { kind: 'authenticate_always' },
  '4000002500003155': { kind: 'authenticate_unless_setup' },
};

/** Stripe's test PaymentMethod ids and the card number each stands for. */
export const TEST_PAYMENT_METHODS: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_visa_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_visa_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_visa_chargeDeclinedLostCard: '4000000000009987',
  pm_card_chargeDeclinedLostCard: '4000000000009987',
  pm_card_visa_chargeDeclinedStolenCard: '4000000000009979',
  pm_card_chargeDeclinedStolenCard: '4000000000009979',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeCustomerFail: '4000000000000341',
  pm_card_authenticationRequired: '4000002760003184',
  pm_card_authenticationRequiredOnSetup: '4000002500003155',
  pm_card_threeDSecure2Required: '4000002760003184',
};

export function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return number.length >= 12 && sum % 10 === 0;
}

export function behaviourOf(number: string): CardBehaviour {
  return TEST_CARDS[number] ?? { kind: 'succeed' };
}

export function brandOf(number: string): string {
  if (number.startsWith('4')) return 'visa';
  if (/^5[1-5]/.test(number) || /^2[2-7]/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (number.startsWith('6')) return 'discover';
  return 'unknown';
}

/** Validates raw card input as Stripe does before any charge (format errors, not declines). */
export function validateCardInput(card: {
  number?: string;
  exp_month?: number;
  exp_year?: number;
  cvc?: string;
}) {
  const number = (card.number ?? '').replace(/\s+/g, '');
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) {
    throw new SimulatorError(402, {
      type: 'card_error',
      code: 'incorrect_number',
      message: 'Your card number is incorrect.',
      param: 'number',
    });
  }
  const month = card.exp_month ?? 0;
  if (!(month >= 1 && month <= 12)) {
    throw new SimulatorError(402, {
      type: 'card_error',
      code: 'invalid_expiry_month',
      message: "Your card's expiration month is invalid.",
      param: 'exp_month',
    });
  }
  const year =
    card.exp_year !== undefined && card.exp_year < 100 ? 2000 + card.exp_year : (card.exp_year ?? 0);
  const now = new Date();
  if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)) {
    throw new SimulatorError(402, {
      type: 'card_error',
      code: 'invalid_expiry_year',
      message: "Your card's expiration year is invalid.",
      param: 'exp_year',
    });
  }
  if (card.cvc !== undefined && !/^\d{3,4}$/.test(card.cvc)) {
    throw new SimulatorError(402, {
      type: 'card_error',
      code: 'invalid_cvc',
      message: "Your card's security code is invalid.",
      param: 'cvc',
    });
  }
  return { number, exp_month: month, exp_year: year };
}
