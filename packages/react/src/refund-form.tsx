import type { RefundCreateResponse, RefundReason } from '@tollbooth/core';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { format } from './_internal/errors';
import { useAttempt, useMessages } from './_internal/hooks';
import { formatMoney, parseMoney } from './_internal/money';
import { Alert, cx, Status } from './_internal/ui';
import { type errorMessages, refundFormMessages } from './messages';
import { getClient, useTollboothContext } from './provider';

export interface RefundFormProps {
  /** The PaymentIntent to refund (`pi_…`). The server checks who may refund it and how much. */
  paymentIntent: string;
  /** The payment's currency, to read the amount field in its units. @default 'usd' */
  currency?: string;
  /** Called with the created refund. */
  onRefunded?: (refund: RefundCreateResponse) => void;
  /** The visible heading, which also names the form. @default messages.heading with the PaymentIntent id */
  label?: string;
  /** The form's accessible name when it should differ from the heading. @default the heading */
  'aria-label'?: string;
  className?: string;
  messages?: Partial<typeof refundFormMessages & typeof errorMessages>;
}

const REASONS: RefundReason[] = ['requested_by_customer', 'duplicate', 'fraudulent'];
const STATUSES = ['succeeded', 'pending', 'requires_action', 'failed', 'canceled'] as const;

/** A staff form refunding a payment fully or in part; your `authorize` decides who may use it. */
export function RefundForm(props: RefundFormProps): ReactNode {
  const ctx = useTollboothContext('<RefundForm>');
  const m = useMessages(ctx, 'refundForm', refundFormMessages, props.messages);
  const currency = props.currency ?? 'usd';
  const { state, problem, run, setProblem, setState } = useAttempt(m);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<RefundReason | ''>('');
  const [refund, setRefund] = useState<RefundCreateResponse | null>(null);
  const id = useId();

  const submit = () => {
    const cents = amount.trim() === '' ? undefined : parseMoney(amount, currency);
    if (cents === null) {
      setProblem({ code: 'invalid_amount', message: m.invalidAmount, retryable: false });
      setState('error');
      return;
    }
    run(async (idempotencyKey) => {
      const created = await getClient(ctx).createRefund(
        { paymentIntent: props.paymentIntent, ...(cents && { amount: cents }), ...(reason && { reason }) },
        { idempotencyKey },
      );
      setRefund(created);
      // Ready for another refund of the same payment; the status line keeps saying what this one did.
      setAmount('');
      setReason('');
      props.onRefunded?.(created);
    });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  const busy = state === 'processing';
  const invalid = problem?.code === 'invalid_amount';
  const outcome = refund
    ? format(m[STATUSES.find((s) => s === refund.status) ?? 'created'], {
        amount: formatMoney(refund.amount, refund.currency, ctx.locale),
      })
    : null;
  // Editing after a refund starts a new one: back to idle, while the status line still shows the last outcome.
  const edit = () => {
    if (state === 'succeeded') setState('idle');
  };

  return (
    <form
      className={cx('tb tb-refund-form', props.className)}
      data-state={state}
      onSubmit={onSubmit}
      aria-labelledby={props['aria-label'] ? undefined : `${id}-h`}
      aria-label={props['aria-label']}
    >
      <h2 className="tb-heading" id={`${id}-h`}>
        {props.label ?? format(m.heading, { paymentIntent: props.paymentIntent })}
      </h2>
      <label className="tb-field" htmlFor={`${id}-amount`}>
        {format(m.amount, { currency: currency.toUpperCase() })}
      </label>
      <input
        id={`${id}-amount`}
        className="tb-input"
        inputMode="decimal"
        autoComplete="off"
        value={amount}
        onChange={(event) => {
          setAmount(event.target.value);
          edit();
        }}
        aria-invalid={invalid || undefined}
        disabled={busy}
      />
      <label className="tb-field" htmlFor={`${id}-reason`}>
        {m.reason}
      </label>
      <select
        id={`${id}-reason`}
        className="tb-input"
        value={reason}
        onChange={(event) => {
          setReason(event.target.value as RefundReason | '');
          edit();
        }}
        disabled={busy}
      >
        <option value="">{m.noReason}</option>
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {m[r]}
          </option>
        ))}
      </select>
      {/* Disabled right after a refund until a field changes: a second click must not refund the rest in full. */}
      <button
        type="submit"
        className="tb-button tb-button-danger"
        disabled={busy || state === 'succeeded'}
        aria-busy={busy}
      >
        {m.submit}
      </button>
      <Status>{busy ? m.processing : outcome}</Status>
      <Alert problem={problem} retryLabel={m.retry} onRetry={submit} />
    </form>
  );
}
