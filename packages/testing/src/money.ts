// Stripe's amounts are in the currency's smallest unit, and Stripe's exponent is not always ISO 4217's:
// ISK and UGX are charged in hundredths although they show no decimals. https://docs.stripe.com/currencies
const ZERO_DECIMAL = new Set('bif clp djf gnf jpy kmf krw mga pyg rwf vnd vuv xaf xof xpf'.split(' '));
const THREE_DECIMAL = new Set('bhd jod kwd omr tnd'.split(' '));

/**
 * `2000, 'usd'` → `$20.00`, `1500, 'jpy'` → `¥1,500`, in `locale` (a BCP 47 tag or Stripe's `auto`), else the
 * runtime's: what Stripe's hosted pages and Stripe.js show. A malformed locale falls back, never throws.
 */
export function formatAmount(amount: number, currency: string, locale?: string | null): string {
  const c = currency.toLowerCase();
  const exponent = ZERO_DECIMAL.has(c) ? 0 : THREE_DECIMAL.has(c) ? 3 : 2;
  const options = { style: 'currency', currency: c.toUpperCase() } as const;
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale && locale !== 'auto' ? locale : undefined, options);
  } catch {
    format = new Intl.NumberFormat(undefined, options);
  }
  return format.format(amount / 10 ** exponent);
}
