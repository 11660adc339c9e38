import type { CheckoutSessionSummary } from '@tollbooth/core';
import { type ReactNode, useEffect } from 'react';
import { describeError, format } from './_internal/errors';
import { type UiState, useMessages } from './_internal/hooks';
import { formatMoney } from './_internal/money';
import { OrderSummary } from './_internal/order-summary';
import { Alert, cx, Status } from './_internal/ui';
import { useCheckoutSession } from './hooks';
import { checkoutStatusMessages, type errorMessages } from './messages';
import { useTollboothContext } from './provider';

export interface CheckoutStatusProps {
  /** The Checkout Session id, e.g. from `?session_id={CHECKOUT_SESSION_ID}` on your success page. */
  sessionId: string;
  /** Called once the session is known. */
  onLoad?: (session: CheckoutSessionSummary) => void;
  className?: string;
  messages?: Partial<typeof checkoutStatusMessages & typeof errorMessages>;
}

/**
 * How a Checkout Session ended (paid, processing, not finished, expired), for the page Stripe returns to; once it
 * is complete, what was bought (each line and the total), where the receipt goes and where the order ships.
 */
export function CheckoutStatus(props: CheckoutStatusProps): ReactNode {
  const ctx = useTollboothContext('<CheckoutStatus>');
  const m = useMessages(ctx, 'checkoutStatus', checkoutStatusMessages, props.messages);
  const session = useCheckoutSession(props.sessionId);
  const s = session.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per answer, not per render of an inline onLoad.
  useEffect(() => {
    if (s) props.onLoad?.(s);
  }, [s]);
  // A made-up id and someone else's session get the same answer (the server does not tell them apart).
  const problem = session.error
    ? session.error.code === 'not_found'
      ? { code: 'not_found', message: m.notFound, retryable: false }
      : describeError(session.error, m)
    : null;
  let state: UiState = problem ? 'error' : s ? 'idle' : 'loading';
  let text: string | null = null;
  if (s) {
    if (s.status === 'complete' && s.paymentStatus !== 'unpaid') {
      state = 'succeeded';
      text =
        s.paymentStatus !== 'paid'
          ? m.noPaymentRequired
          : s.amountTotal !== null && s.currency
            ? format(m.paid, { amount: formatMoney(s.amountTotal, s.currency, ctx.locale) })
            : m.paidNoAmount;
    } else if (s.status === 'complete') {
      state = 'processing';
      text = m.unpaid;
    } else text = s.status === 'expired' ? m.expired : m.open;
  }
  return (
    <div
      className={cx('tb tb-checkout-status', props.className)}
      data-state={state}
      aria-busy={state === 'loading'}
    >
      <Status>{state === 'loading' ? m.loading : text}</Status>
      {s && (state === 'succeeded' || state === 'processing') ? (
        <OrderSummary session={s} m={m} locale={ctx.locale} />
      ) : null}
      <Alert problem={problem} retryLabel={m.retry} onRetry={session.refetch} />
    </div>
  );
}
