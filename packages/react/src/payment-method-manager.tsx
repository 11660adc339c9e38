import type { SetupIntent } from '@stripe/stripe-js';
import type { PaymentMethodSummary, SetupIntentCreateResponse } from '@tollbooth/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { AddCard } from './_internal/add-card';
import { ConfirmStep } from './_internal/confirm-fieldset';
import { useConfirmStep } from './_internal/confirm-step';
import { describeError, describeStripeError, format, type Problem } from './_internal/errors';
import { type UiState, useMessages } from './_internal/hooks';
import { keys } from './_internal/keys';
import { describeLoadError, ensureStripe } from './_internal/load-stripe';
import { getStore } from './_internal/store';
import { Alert, cx, Status } from './_internal/ui';
import {
  useCreateSetupIntent,
  usePaymentMethods,
  useRemovePaymentMethod,
  useSetDefaultPaymentMethod,
} from './hooks';
import { declineMessages, type errorMessages, paymentMethodManagerMessages } from './messages';
import { useTollboothContext } from './provider';

export interface PaymentMethodManagerProps {
  /** Where redirect-based setup (and 3-D Secure fallbacks) come back to. @default the current page */
  returnPath?: string;
  /** Called after a card was saved. */
  onSaved?: (setupIntent: SetupIntent) => void;
  className?: string;
  messages?: Partial<typeof paymentMethodManagerMessages & typeof errorMessages>;
}

/** Lists the customer's saved cards; adds one (SetupIntent + Payment Element), sets the default, removes one. */
export function PaymentMethodManager(props: PaymentMethodManagerProps): ReactNode {
  const ctx = useTollboothContext('<PaymentMethodManager>');
  const m = useMessages(ctx, 'paymentMethodManager', paymentMethodManagerMessages, props.messages);
  const declines = { ...declineMessages, ...ctx.messages.declines };
  const list = usePaymentMethods();
  const makeDefault = useSetDefaultPaymentMethod({ messages: m });
  const detach = useRemovePaymentMethod({ messages: m });
  const setup = useCreateSetupIntent({ messages: m, onSuccess: (si) => setSetupIntent(si) });
  const actions = [makeDefault, detach, setup];
  const [returnProblem, setReturnProblem] = useState<Problem | null>(null);
  const confirm = useConfirmStep();
  const [setupIntent, setSetupIntent] = useState<SetupIntentCreateResponse | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  // Closing the add step returns focus to the button that opened it (it renders again only then).
  const [refocusAdd, setRefocusAdd] = useState(false);
  useEffect(() => {
    if (refocusAdd && !setupIntent) {
      addRef.current?.focus();
      setRefocusAdd(false);
    }
  }, [refocusAdd, setupIntent]);

  const describe = (pm: PaymentMethodSummary) =>
    pm.card
      ? format(m.card, {
          ...pm.card,
          brand: pm.card.brand.replace(/^\w/, (c) => c.toUpperCase()),
          expMonth: String(pm.card.expMonth).padStart(2, '0'),
        })
      : pm.type;

  // One problem on screen at a time: starting an action forgets the others' failures.
  const act = async (run: () => Promise<unknown>, action: { reset: () => void }, done: string) => {
    setAnnouncement('');
    setReturnProblem(null);
    for (const other of actions) if (other !== action) other.reset();
    const ok = await run();
    if (ok) setAnnouncement(done);
    return ok;
  };
  const setDefault = (id: string) => act(() => makeDefault.mutate(id), makeDefault, m.defaultSet);
  const remove = async (id: string) => {
    const ok = await act(() => detach.mutate(id), detach, m.removed);
    confirm.close(!ok);
    if (ok) headingRef.current?.focus();
  };
  const startAdding = () => act(() => setup.mutate(), setup, '');
  const stopAdding = () => {
    setSetupIntent(null);
    setRefocusAdd(true);
  };
  const saved = async (si: SetupIntent) => {
    stopAdding();
    props.onSaved?.(si);
    // A customer's first card is the one they expect to be charged: make it the default, as Stripe's
    // own pages do (Stripe itself leaves a customer with no default until one is set).
    const pm = typeof si.payment_method === 'string' ? si.payment_method : si.payment_method?.id;
    if (pm && list.data?.data.length === 0) await makeDefault.mutate(pm);
    else await getStore(ctx).invalidate([keys.paymentMethods]);
    setAnnouncement(m.saved);
  };

  // Back from a redirect-based setup (or a 3-D Secure fallback): say how saving the card ended.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per provider, on mount.
  useEffect(() => {
    const secret = new URLSearchParams(window.location.search).get('setup_intent_client_secret');
    if (!secret) return;
    ensureStripe(ctx)
      .then((stripe) => stripe.retrieveSetupIntent(secret))
      .then(
        ({ setupIntent, error }) => {
          if (setupIntent?.status === 'succeeded' || setupIntent?.status === 'processing') {
            setAnnouncement(m.saved);
            list.refetch();
          } else
            setReturnProblem(describeStripeError(error ?? setupIntent?.last_setup_error ?? {}, declines, m));
        },
        (error) => setReturnProblem(describeLoadError(error, m)),
      );
  }, [ctx]);

  const listProblem = list.error ? describeError(list.error, m) : null;
  const actionProblem = returnProblem ?? actions.find((a) => a.problem)?.problem ?? null;
  const busy = actions.some((a) => a.status === 'processing');
  const state: UiState = busy
    ? 'processing'
    : actionProblem
      ? 'error'
      : listProblem
        ? 'error'
        : list.status === 'loading'
          ? 'loading'
          : 'idle';
  // The default card first, then the server's order (Stripe lists newest first); sort() is stable.
  const methods = [...(list.data?.data ?? [])].sort((a, b) => Number(b.isDefault) - Number(a.isDefault));

  return (
    <section
      className={cx('tb tb-payment-methods', props.className)}
      data-state={state}
      aria-busy={state === 'loading'}
    >
      <h2 className="tb-heading" ref={headingRef} tabIndex={-1}>
        {m.heading}
      </h2>
      {list.data ? (
        methods.length === 0 ? (
          <p className="tb-empty">{m.empty}</p>
        ) : (
          <ul className="tb-list">
            {methods.map((pm) => (
              <li key={pm.id} className="tb-item" data-default={pm.isDefault || undefined}>
                <span className="tb-item-label">{describe(pm)}</span>
                {pm.isDefault ? <span className="tb-badge">{m.default}</span> : null}
                {confirm.open === pm.id ? (
                  <ConfirmStep
                    group={confirm.groupProps}
                    question={format(m.confirmRemove, { card: describe(pm) })}
                    confirmLabel={m.confirm}
                    cancelLabel={m.cancel}
                    onConfirm={() => remove(pm.id)}
                    onCancel={() => confirm.close(true)}
                    disabled={busy}
                  />
                ) : (
                  <span className="tb-item-actions">
                    {pm.isDefault ? null : (
                      <button
                        type="button"
                        className="tb-button tb-button-secondary"
                        onClick={() => setDefault(pm.id)}
                        disabled={busy}
                        aria-label={format(m.makeDefaultLabel, { card: describe(pm) })}
                      >
                        {m.makeDefault}
                      </button>
                    )}
                    <button
                      type="button"
                      className="tb-button tb-button-secondary"
                      onClick={() => confirm.show(pm.id)}
                      ref={confirm.trigger(pm.id)}
                      disabled={busy}
                      aria-label={format(m.removeLabel, { card: describe(pm) })}
                    >
                      {m.remove}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {setupIntent ? (
        <AddCard
          ctx={ctx}
          m={m}
          declines={declines}
          setupIntent={setupIntent}
          returnPath={props.returnPath}
          onSaved={saved}
          onCancel={stopAdding}
        />
      ) : list.data ? (
        <button type="button" className="tb-button" ref={addRef} onClick={startAdding} disabled={busy}>
          {m.add}
        </button>
      ) : null}
      <Status>{state === 'loading' ? m.loading : busy ? m.processing : announcement}</Status>
      <Alert problem={listProblem} retryLabel={m.retry} onRetry={list.refetch} />
      <Alert problem={actionProblem} retryLabel={m.retry} />
    </section>
  );
}
