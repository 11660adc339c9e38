import type { SimCheckoutSession, SimPaymentMethod } from './types';

export const escapeHtml = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What the buyer typed before an error (`form`), else the test-mode default. */
export type FieldValue = (name: string, fallback: string) => string;

const input = (id: string, label: string, value: string, extra = '') =>
  `<label for="${id}">${label}</label><input id="${id}" name="${id}" value="${value}"${extra}>`;

/** Checkout's list of a returning customer's saved cards, the first picked, with "a new card" last. */
export function savedCardChoice(cards: readonly SimPaymentMethod[], form?: URLSearchParams): string {
  if (cards.length === 0) return '';
  const picked = form ? form.get('payment_method') : cards[0]!.id;
  const option = (value: string, label: string) =>
    `<label class="choice"><input type="radio" name="payment_method" value="${escapeHtml(value)}"${picked === value ? ' checked' : ''}> ${escapeHtml(label)}</label>`;
  const rows = cards.map((pm) => {
    const brand = (pm.card?.brand ?? 'card').replace(/^\w/, (c) => c.toUpperCase());
    const exp = `${String(pm.card?.exp_month ?? '').padStart(2, '0')}/${String(pm.card?.exp_year ?? '').slice(-2)}`;
    return option(pm.id, `${brand} ending in ${pm.card?.last4 ?? '····'}, expires ${exp}`);
  });
  return `<fieldset><legend>Payment method</legend>${rows.join('')}${option('new', 'Use a new card')}</fieldset>`;
}

function addressFields(prefix: string, value: FieldValue, countries?: readonly string[]): string {
  const country = countries
    ? `<label for="${prefix}_country">Country</label><select id="${prefix}_country" name="${prefix}_country" required>${countries
        .map(
          (c) =>
            `<option${value(`${prefix}_country`, countries[0]!) === c ? ' selected' : ''}>${escapeHtml(c)}</option>`,
        )
        .join('')}</select>`
    : input(
        `${prefix}_country`,
        'Country',
        value(`${prefix}_country`, 'US'),
        ' autocomplete="country" required',
      );
  return `${input(`${prefix}_line1`, 'Address', value(`${prefix}_line1`, ''), ' autocomplete="address-line1" required')}
${input(`${prefix}_city`, 'City', value(`${prefix}_city`, ''), ' autocomplete="address-level2"')}
${input(`${prefix}_postal_code`, 'Postal code', value(`${prefix}_postal_code`, ''), ' autocomplete="postal-code"')}${country}`;
}

/** The shipping and billing address questions the session asked for. */
export function addressQuestions(session: SimCheckoutSession, value: FieldValue): string {
  const shipping = session.shipping_address_collection
    ? `<fieldset><legend>Shipping address</legend>${input('shipping_name', 'Full name', value('shipping_name', ''), ' autocomplete="name" required')}
${addressFields('shipping', value, session.shipping_address_collection.allowed_countries)}</fieldset>`
    : '';
  const billing =
    session.billing_address_collection === 'required'
      ? `<fieldset><legend>Billing address</legend>${addressFields('billing', value)}</fieldset>`
      : '';
  return shipping + billing;
}

/** The address a form carries under `prefix`, or nothing when its first line was left out. */
export function addressFromForm(form: URLSearchParams, prefix: string) {
  const get = (key: string) => (form.get(`${prefix}_${key}`) ?? '').trim();
  if (!get('line1') && !get('country')) return undefined;
  return {
    line1: get('line1'),
    city: get('city'),
    postal_code: get('postal_code'),
    country: get('country').toUpperCase(),
  };
}
