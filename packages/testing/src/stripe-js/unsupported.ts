import { IntegrationError } from './confirm';

/** Stripe.js methods the stand-in does not model (other payment method types, Checkout SDKs, Identity …). */
const UNSUPPORTED = [
  'collectBankAccountForPayment',
  'collectBankAccountForSetup',
  'collectBankAccountToken',
  'collectFinancialConnectionsAccounts',
  'confirmAcssDebitPayment',
  'confirmAcssDebitSetup',
  'confirmAffirmPayment',
  'confirmAfterpayClearpayPayment',
  'confirmAlipayPayment',
  'confirmAmazonPaySetup',
  'confirmAuBecsDebitPayment',
  'confirmAuBecsDebitSetup',
  'confirmBacsDebitSetup',
  'confirmBancontactPayment',
  'confirmBancontactSetup',
  'confirmBilliePayment',
  'confirmBlikPayment',
  'confirmBlikSetup',
  'confirmBoletoPayment',
  'confirmCashappPayment',
  'confirmCashappSetup',
  'confirmCustomerBalancePayment',
  'confirmEpsPayment',
  'confirmFpxPayment',
  'confirmGiropayPayment',
  'confirmGrabPayPayment',
  'confirmIdealPayment',
  'confirmIdealSetup',
  'confirmKlarnaPayment',
  'confirmKonbiniPayment',
  'confirmMobilepayPayment',
  'confirmMultibancoPayment',
  'confirmOxxoPayment',
  'confirmPayByBankPayment',
  'confirmPayNowPayment',
  'confirmPayPalPayment',
  'confirmPayPalSetup',
  'confirmPixPayment',
  'confirmPromptPayPayment',
  'confirmSepaDebitPayment',
  'confirmSepaDebitSetup',
  'confirmSofortPayment',
  'confirmSofortSetup',
  'confirmTwintPayment',
  'confirmUsBankAccountPayment',
  'confirmUsBankAccountSetup',
  'confirmWechatPayPayment',
  'createConfirmationToken',
  'createEphemeralKeyNonce',
  'createRadarSession',
  'initCheckoutElementsSdk',
  'initCheckoutFormSdk',
  'initializePricing',
  'processOrder',
  'retrieveOrder',
  'verifyIdentity',
  'verifyMicrodepositsForPayment',
  'verifyMicrodepositsForSetup',
] as const;

/** One function per unmodelled method, each failing loudly instead of `undefined is not a function`. */
export function unsupported(): Record<(typeof UNSUPPORTED)[number], () => never> {
  const methods = {} as Record<(typeof UNSUPPORTED)[number], () => never>;
  for (const name of UNSUPPORTED) {
    methods[name] = () => {
      throw new IntegrationError(`stripe.${name}() is not implemented by the Stripe.js stand-in.`);
    };
  }
  return methods;
}
