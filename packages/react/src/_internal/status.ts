/**
 * A Stripe status (`past_due`) in the user's words: the `status_<status>` message when there is one, else the
 * raw value made readable ("Past due"), so a status Stripe adds later still shows something sensible.
 */
export function statusLabel(messages: object, status: string | null): string {
  if (!status) return '';
  const own = (messages as Record<string, string | undefined>)[`status_${status}`];
  return own ?? status.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}
