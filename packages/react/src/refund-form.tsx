import type { RefundCreateResponse, RefundReason } from '@tollbooth/core';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { ConfirmStep } from './_internal/confirm-fieldset';
import { useConfirmStep } from './_internal/confirm-step';
import { format, type Problem } from './_internal/errors';
import { useHydrated, useMessages } from './_internal/hooks';
import { formatMoney, parseMoney } from './_internal/money';
import { Alert, cx, Status } from './_internal/ui';
import { useCreateRefund } from './hooks';
import { type errorMessages, refundFormMessages } from './messages';
import { useTollboothContext } from './provider';

export interface RefundFormProps {
  /** The PaymentIntent to refund (`pi_…`). The server checks who may refund it and how much. */
  paymentIntent: string;
  /** The payment's currency, to read the amount field in its units. @default 'usd' */
  currency?: string;
  /**
   * What is left to refund, in the currency's smallest unit (the payment less earlier refunds): the confirm
   * step and a refusal then name the figure. Shown only; the server checks the real charge.
   * @default unknown (the messages speak without a figure)
   */
  refundable?: number;
  /**
   * The most this member of staff may refund at once (your `authorize`'s cap), in the smallest unit: a
   * refusal then names it. Shown only; `authorize` decides. @default unknown
   */
  limit?: number;
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
  const hydrated = useHydrated();
  const currency = props.currency ?? 'usd';
  const refund = useCreateRefund({ messages: m });
  const confirm = useConfirmStep();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<RefundReason | ''>('');
  const [done, setDone] = useState<RefundCreateResponse | null>(null);
  const [invalid, setInvalid] = useState(false);
  const id = useId();
  const money = (cents: number) => formatMoney(cents, currency, ctx.locale);
  const cents = amount.trim() === '' ? undefined : parseMoney(amount, currency);

  // The refund runs only from the confirm step: an empty amount refunds everything, so it is asked first.
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    refund.reset();
    setInvalid(cents === null);
    if (cents !== null) confirm.show('refund');
  };
  const submit = async () => {
    const created = await refund.mutate({
      paymentIntent: props.paymentIntent,
      ...(cents && { amount: cents }),
      ...(reason && { reason }),
    });
    confirm.close(true);
    if (!created) return;
    setDone(created);
    // Ready for another refund of the same payment; the status line keeps saying what this one did.
    setAmount('');
    setReason('');
    props.onRefunded?.(created);
  };
  // The server's refusals in the staff's words: the cap (403), what is left (too large), nothing left (409).
  const code = refund.problem?.code;
  const message =
    code === 'forbidden'
      ? format(props.limit === undefined ? m.overLimit : m.overLimitOf, { limit: money(props.limit ?? 0) })
      : code === 'invalid_request'
        ? m.tooMuch
        : code === 'conflict'
          ? m.notRefundable
          : refund.problem?.message;
  const problem: Problem | null = invalid
    ? { code: 'invalid_amount', message: m.invalidAmount, retryable: false }
    : // Nothing left to refund (409) will not change on a retry.
      refund.problem && {
        ...refund.problem,
        message: message as string,
        retryable: refund.problem.retryable && code !== 'conflict',
      };
  const busy = refund.status === 'processing';
  const state = invalid ? 'error' : refund.status;
  const outcome = done
    ? format(m[STATUSES.find((s) => s === done.status) ?? 'created'], {
        amount: formatMoney(done.amount, done.currency, ctx.locale),
      })
    : null;
  const question = cents ? format(m.confirmPartial, { amount: money(cents) }) : m.confirmFull;
  // Editing closes an open confirm step: its question named the old amount.
  const edit = () => {
    setInvalid(false);
    if (confirm.open) confirm.close(false);
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
      {props.refundable === undefined ? null : (
        <p className="tb-item-detail">{format(m.left, { amount: money(props.refundable) })}</p>
      )}
      {confirm.open ? (
        <ConfirmStep
          group={confirm.groupProps}
          question={question}
          confirmLabel={m.confirm}
          cancelLabel={m.cancel}
          onConfirm={submit}
          onCancel={() => confirm.close(true)}
          disabled={busy}
        />
      ) : (
        <button
          type="submit"
          className="tb-button tb-button-danger"
          // Before hydration a press would submit the bare form (a reload that loses what was typed).
          disabled={busy || !hydrated}
          ref={confirm.trigger('refund')}
        >
          {m.submit}
        </button>
      )}
      <Status>{busy ? m.processing : outcome}</Status>
      <Alert problem={problem} retryLabel={m.retry} onRetry={submit} />
    </form>
  );
}
