// Stripe's amounts are in the currency's smallest unit, and Stripe's exponent is not always ISO 4217's:
// ISK and UGX are charged in hundredths although they show no decimals. https://docs.stripe.com/currencies
const ZERO_DECIMAL = 'bif clp djf gnf jpy kmf krw mga pyg rwf vnd vuv xaf xof xpf';
const THREE_DECIMAL = 'bhd jod kwd omr tnd';

/** How many digits of `amount` are below the main unit, as Stripe counts them. */
export function currencyExponent(currency: string): number {
  const c = currency.toLowerCase();
  return ZERO_DECIMAL.includes(c) ? 0 : THREE_DECIMAL.includes(c) ? 3 : 2;
}

/** `1500, 'usd'` → `$15.00`; `1500, 'jpy'` → `¥1,500`. */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() }).format(
    amount / 10 ** currencyExponent(currency),
  );
}

/** A user's `12.50` in `usd` → `1250`, or null when it is not a positive amount. */
export function parseMoney(input: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const pattern = exponent === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${exponent}})?$`);
  const value = input.trim();
  if (!pattern.test(value)) return null;
  const [whole = '0', fraction = ''] = value.split('.');
  const amount = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  return amount > 0 ? amount : null;
}

/** Unix seconds as a date; in UTC so the server and the browser agree. */
export function formatDate(seconds: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(seconds * 1000),
  );
}
