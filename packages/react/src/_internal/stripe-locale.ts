import type { StripeElementLocale } from '@stripe/stripe-js';

// Stripe.js's documented Elements locales (https://docs.stripe.com/js/appendix/supported_locales): languages,
// plus a few regional variants. Any other BCP 47 tag must be reduced to one of them before it reaches Elements.
const LANGUAGES = new Set(
  'ar bg cs da de el en es et fi fil fr he hr hu id it ja ko lt lv ms mt nb nl no pl pt ro ru sk sl sv th tr vi zh'.split(
    ' ',
  ),
);
const REGIONAL = new Set(['en-GB', 'es-419', 'fr-CA', 'pt-BR', 'zh-HK', 'zh-TW']);

/**
 * The provider's BCP 47 `locale` as a value Stripe Elements accepts: `fr-FR` → `fr`, `pt-BR` stays, `es-MX` →
 * `es-419`, `zh-Hant` → `zh-TW`, `nn` → `no`, `auto` stays; a language Stripe does not have → `auto` (Stripe
 * follows the browser). Prices and dates keep the full locale: only Stripe's own text uses this one.
 */
export function toStripeLocale(locale: string): StripeElementLocale {
  let tag: Intl.Locale;
  try {
    tag = new Intl.Locale(locale);
  } catch {
    return 'auto';
  }
  const { language, script, region } = tag;
  if (language === 'zh') {
    if (region === 'HK' || region === 'MO') return 'zh-HK';
    return region === 'TW' || script === 'Hant' ? 'zh-TW' : 'zh';
  }
  if (language === 'es' && region && region !== 'ES') return 'es-419';
  if (language === 'nn') return 'no';
  if (language === 'tl') return 'fil';
  const regional = `${language}-${region}`;
  if (REGIONAL.has(regional)) return regional as StripeElementLocale;
  return LANGUAGES.has(language) ? (language as StripeElementLocale) : 'auto';
}
