import { formatAmount } from '../money';
import { ensureStyles } from './styles';

export type ChallengeOutcome = 'succeed' | 'fail';

/** `2000, 'usd'` → `$20.00`, in the page's language (its `lang`), else the browser's. */
export const formatChallengeAmount = (amount: number, currency: string, lang?: string): string =>
  formatAmount(amount, currency, lang);

let counter = 0;

/**
 * The in-page 3-D Secure challenge: a modal dialog like the one Stripe.js shows for its test cards,
 * with Complete and Fail buttons. Escape (or closing the dialog) counts as failing, as cancelling a
 * real challenge does.
 */
export function showChallenge(
  doc: Document,
  details: { amount?: number; currency?: string },
): Promise<ChallengeOutcome> {
  ensureStyles(doc);
  const id = `tb-stripe-3ds-${++counter}`;
  const previous = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  const dialog = doc.createElement('dialog');
  dialog.className = 'tb-stripe-dialog';
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  dialog.setAttribute('aria-describedby', `${id}-text`);
  dialog.dataset.stripeStandIn = '3ds';

  const title = doc.createElement('h2');
  title.id = `${id}-title`;
  title.textContent = '3D Secure authentication';
  const text = doc.createElement('p');
  text.id = `${id}-text`;
  const amount =
    details.amount !== undefined && details.currency
      ? ` of ${formatChallengeAmount(details.amount, details.currency, doc.documentElement.lang)}`
      : '';
  text.textContent = `Test mode: your bank asks you to confirm this payment${amount}. Complete or fail the authentication.`;
  const actions = doc.createElement('div');
  actions.className = 'tb-stripe-dialog-actions';
  const fail = doc.createElement('button');
  fail.type = 'button';
  fail.className = 'tb-stripe-button';
  fail.dataset.variant = 'secondary';
  fail.textContent = 'Fail';
  const complete = doc.createElement('button');
  complete.type = 'button';
  complete.className = 'tb-stripe-button';
  complete.textContent = 'Complete';
  actions.append(fail, complete);
  dialog.append(title, text, actions);
  doc.body.appendChild(dialog);

  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: ChallengeOutcome) => {
      if (settled) return;
      settled = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      previous?.focus();
      resolve(outcome);
    };
    complete.addEventListener('click', () => finish('succeed'));
    fail.addEventListener('click', () => finish('fail'));
    // showModal() makes the rest of the page inert and turns Escape into 'cancel'.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish('fail');
    });
    dialog.addEventListener('close', () => finish('fail'));
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    complete.focus();
  });
}
