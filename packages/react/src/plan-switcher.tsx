import type {
  CatalogPrice,
  CatalogResponse,
  SubscriptionChangePreview,
  SubscriptionListResponse,
  SubscriptionSummary,
} from '@tollbooth/core';
import { TollboothError } from '@tollbooth/core';
import { type ReactNode, useState } from 'react';
import { ConfirmStep } from './_internal/confirm-fieldset';
import { useConfirmStep } from './_internal/confirm-step';
import { describeError, describeStripeError, format } from './_internal/errors';
import { type UiState, useAttempt, useHydrated, useMessages, useResource } from './_internal/hooks';
import { ensureStripe } from './_internal/load-stripe';
import { formatDate, formatMoney } from './_internal/money';
import { getStore } from './_internal/store';
import { Alert, cx, Status } from './_internal/ui';
import { declineMessages, type errorMessages } from './messages';
import { planSwitcherMessages } from './plan-switcher-messages';
import { type CatalogKey, getClient, useTollboothContext } from './provider';

export interface PlanSwitcherProps<K extends CatalogKey = CatalogKey> {
  /** The catalog keys to offer, one per plan, in this order (each must be a price of a plan on the server). */
  prices: readonly K[];
  /** The subscription to change. @default the first subscription that has not ended */
  subscription?: string;
  /** Seats sent with every change. @default the subscription's current quantity */
  quantity?: number;
  /** Called with the subscription after a change is applied (or scheduled, or undone). */
  onChange?: (subscription: SubscriptionSummary<K>) => void;
  className?: string;
  messages?: Partial<typeof planSwitcherMessages & typeof errorMessages>;
}

const MONTHS = { day: 12 / 365, week: 12 / 52, month: 1, year: 12 } as const;
/** For the labels only (the server decides): the price per month of `quantity` seats. */
const monthly = (p: CatalogPrice, quantity: number) =>
  (p.unitAmount * quantity) / MONTHS[p.recurring?.interval ?? 'month'];
const ENDED = new Set(['canceled', 'incomplete_expired']);

/**
 * The plans with Current / Upgrade / Downgrade; choosing one previews the change (due today, the credit for
 * unused time, the next invoice) and asks to confirm. An upgrade is charged at once (3-D Secure completed here
 * with Stripe.js); a downgrade waits for the period end and shows with a way to keep the current plan.
 */
export function PlanSwitcher<K extends CatalogKey = CatalogKey>(props: PlanSwitcherProps<K>): ReactNode {
  const ctx = useTollboothContext('<PlanSwitcher>');
  const m = useMessages(ctx, 'planSwitcher', planSwitcherMessages, props.messages);
  const declines = { ...declineMessages, ...ctx.messages.declines };
  const list = useResource<SubscriptionListResponse<K>>(
    ctx,
    'subscriptions',
    () => getClient(ctx).listSubscriptions() as never,
  );
  const catalog = useResource<CatalogResponse<K>>(ctx, 'catalog', () => getClient(ctx).getCatalog() as never);
  const action = useAttempt(m);
  // With data seeded on the server its buttons are in the first HTML: usable once hydrated.
  const hydrated = useHydrated();
  const confirm = useConfirmStep();
  const [preview, setPreview] = useState<{ price: K; data: SubscriptionChangePreview } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const subs = list.data?.data ?? [];
  const sub = props.subscription
    ? subs.find((s) => s.id === props.subscription)
    : subs.find((s) => !ENDED.has(s.status));
  const priceOf = (key: K | string) => catalog.data?.prices.find((p) => p.id === key);
  const name = (key: K | string) => priceOf(key)?.product.name ?? key;
  const quantity = props.quantity ?? sub?.quantity ?? 1;
  const money = (amount: number, currency: string) => formatMoney(amount, currency, ctx.locale);
  const date = (seconds: number) => formatDate(seconds, ctx.locale);

  const done = (updated: SubscriptionSummary<K>, message: string) => {
    // Show the server's answer at once; the refetch then brings what Stripe holds (a 3-D Secure upgrade's too).
    const data = subs.map((s) => (s.id === updated.id ? updated : s));
    getStore(ctx).set('subscriptions', { data: { data } });
    setAnnouncement(message);
    props.onChange?.(updated);
    list.refetch();
  };

  const open = async (price: K) => {
    if (!sub) return;
    setAnnouncement('');
    setPreview(null);
    const data = await action.run((idempotencyKey) =>
      getClient(ctx).previewSubscriptionChange(sub.id, { price, quantity }, { idempotencyKey }),
    );
    if (!data) return;
    action.reset();
    setPreview({ price, data });
    confirm.show(price);
  };

  const apply = async (price: K, message: (s: SubscriptionSummary<K>) => string) => {
    if (!sub) return;
    const result = await action.run(async (idempotencyKey) => {
      const answer = await getClient(ctx).changeSubscription(sub.id, { price, quantity }, { idempotencyKey });
      if (!('requiresAction' in answer)) return answer as SubscriptionSummary<K>;
      setAnnouncement(m.authenticating);
      const stripe = await ensureStripe(ctx);
      const { error } = await stripe.handleNextAction({ clientSecret: answer.clientSecret });
      // Shown as a decline: the card holder's bank said no (or the check was abandoned).
      if (error) throw new TollboothError('card_declined', describeStripeError(error, declines, m).message);
      // Paying the invoice applied the change on Stripe: read it back.
      return { ...sub, price, quantity, scheduledChange: null } as SubscriptionSummary<K>;
    });
    confirm.close(true);
    setPreview(null);
    if (result) done(result, message(result));
  };

  const listProblem = list.error ? describeError(list.error, m) : null;
  const busy = action.state === 'processing';
  const state: UiState =
    busy || action.state === 'error'
      ? action.state
      : listProblem
        ? 'error'
        : list.status === 'loading' || catalog.status === 'loading'
          ? 'loading'
          : 'idle';
  const current = sub ? priceOf(sub.price) : undefined;
  const pending = sub?.scheduledChange ?? null;

  return (
    <section
      className={cx('tb tb-plan-switcher', props.className)}
      data-state={state}
      aria-busy={state === 'loading'}
    >
      <h2 className="tb-heading">{m.heading}</h2>
      {list.data && !sub ? <p className="tb-empty">{m.none}</p> : null}
      {sub && pending ? (
        <div className="tb-plan-pending" data-scheduled={pending.price}>
          <p>{format(m.pending, { plan: name(pending.price), date: date(pending.effectiveAt) })}</p>
          <button
            type="button"
            className="tb-button tb-button-secondary"
            disabled={busy || !hydrated}
            onClick={() => apply(sub.price as K, () => format(m.undone, { plan: name(sub.price) }))}
          >
            {format(m.undo, { plan: name(sub.price) })}
          </button>
        </div>
      ) : null}
      {sub && catalog.data ? (
        <ul className="tb-list">
          {props.prices.map((key) => {
            const price = priceOf(key);
            if (!price) return null;
            const isCurrent = key === sub.price && quantity === sub.quantity;
            const up = !current || monthly(price, quantity) >= monthly(current, sub.quantity);
            const badge = isCurrent ? m.current : up ? m.upgrade : m.downgrade;
            const interval = price.recurring?.interval ?? 'month';
            return (
              <li key={key} className="tb-item" data-current={isCurrent || undefined}>
                <span className="tb-item-label">{price.product.name}</span>
                <span className="tb-badge">{badge}</span>
                <span className="tb-item-detail">
                  {format(m.perInterval, { amount: money(price.unitAmount, price.currency), interval })}
                  {pending?.price === key
                    ? ` · ${format(m.scheduled, { date: date(pending.effectiveAt) })}`
                    : ''}
                </span>
                {confirm.open === key && preview?.price === key ? (
                  <PreviewStep
                    {...{ m, money, date, group: confirm.groupProps, busy }}
                    plan={price.product.name}
                    preview={preview.data}
                    onConfirm={() =>
                      apply(key, (s) =>
                        preview.data.effective === 'now'
                          ? format(m.changedNow, { plan: price.product.name })
                          : format(m.changedLater, {
                              plan: price.product.name,
                              date: date(s.scheduledChange?.effectiveAt ?? s.currentPeriodEnd),
                            }),
                      )
                    }
                    onCancel={() => {
                      setPreview(null);
                      confirm.close(true);
                    }}
                  />
                ) : isCurrent ? null : (
                  <button
                    type="button"
                    className="tb-button"
                    ref={confirm.trigger(key)}
                    disabled={busy || !hydrated}
                    onClick={() => open(key)}
                  >
                    {format(m.choose, { plan: price.product.name })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      <Status>{state === 'loading' ? m.loading : busy && !announcement ? m.previewing : announcement}</Status>
      <Alert problem={listProblem} retryLabel={m.retry} onRetry={list.refetch} />
      <Alert problem={action.problem} retryLabel={m.retry} />
    </section>
  );
}

/** The confirm step: the preview's figures as the question's details, then Confirm / Keep current plan. */
function PreviewStep(props: {
  m: typeof planSwitcherMessages;
  money: (amount: number, currency: string) => string;
  date: (seconds: number) => string;
  group: ReturnType<typeof useConfirmStep>['groupProps'];
  busy: boolean;
  plan: string;
  preview: SubscriptionChangePreview;
  onConfirm: () => void;
  onCancel: () => void;
}): ReactNode {
  const { m, money, date, preview: p } = props;
  const later = p.effective === 'period_end';
  const lines = [
    later ? null : format(m.dueToday, { amount: money(p.amountDue, p.currency) }),
    p.credit > 0 ? format(m.credit, { amount: money(p.credit, p.currency) }) : null,
    p.discount > 0 ? format(m.discount, { amount: money(p.discount, p.currency) }) : null,
    p.tax !== null ? format(m.tax, { amount: money(p.tax, p.currency) }) : null,
    format(m.nextInvoice, {
      amount: money(p.nextInvoice.amount, p.currency),
      date: date(p.nextInvoice.date),
    }),
  ].filter((line): line is string => line !== null);
  return (
    <div className="tb-plan-preview">
      <ul className="tb-plan-figures">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <ConfirmStep
        group={props.group}
        question={
          later
            ? format(m.confirmLater, { plan: props.plan, date: date(p.nextInvoice.date) })
            : format(m.confirmNow, { plan: props.plan })
        }
        confirmLabel={m.confirm}
        cancelLabel={m.back}
        onConfirm={props.onConfirm}
        onCancel={props.onCancel}
        disabled={props.busy}
      />
    </div>
  );
}
