import type { SubscriptionSummary } from '@tollbooth/core';
import { type ReactNode, useState } from 'react';
import { ConfirmStep } from './_internal/confirm-fieldset';
import { useConfirmStep } from './_internal/confirm-step';
import { describeError, format } from './_internal/errors';
import { type UiState, useMessages } from './_internal/hooks';
import { formatDate, formatMoney } from './_internal/money';
import { statusLabel } from './_internal/status';
import { Alert, cx, Status } from './_internal/ui';
import { useCurrentSubscription } from './billing';
import { CustomerPortalButton } from './customer-portal-button';
import { useCancelSubscription, useCatalog, useResumeSubscription, useSubscriptions } from './hooks';
import { type errorMessages, subscriptionListMessages } from './messages';
import { type CatalogKey, useTollboothContext } from './provider';

export interface SubscriptionListProps<K extends CatalogKey = CatalogKey> {
  /** The name shown for a subscribed price. @default the catalog's product name (`useCatalog`), else the key */
  priceLabel?: (price: K | string) => string;
  className?: string;
  messages?: Partial<typeof subscriptionListMessages & typeof errorMessages>;
}

/** The customer's subscriptions, each with cancel (at period end, after a confirm step) or resume. */
export function SubscriptionList<K extends CatalogKey = CatalogKey>(
  props: SubscriptionListProps<K>,
): ReactNode {
  const ctx = useTollboothContext('<SubscriptionList>');
  const m = useMessages(ctx, 'subscriptionList', subscriptionListMessages, props.messages);
  const list = useSubscriptions();
  // The same cached, deduplicated catalog request as <PricingTable>; only without priceLabel.
  const catalog = useCatalog({ enabled: !props.priceLabel });
  const cancel = useCancelSubscription({ messages: m });
  const resume = useResumeSubscription({ messages: m });
  const current = useCurrentSubscription(ctx, true)?.id;
  const confirm = useConfirmStep();
  const [announcement, setAnnouncement] = useState('');

  const price = (sub: SubscriptionSummary<K>) => catalog.data?.prices.find((p) => p.id === sub.price);
  const label = (sub: SubscriptionSummary<K>) =>
    props.priceLabel ? props.priceLabel(sub.price) : (price(sub)?.product.name ?? sub.price);
  // What the customer pays each period, when the catalog knows the price: "$29.00 / month".
  const cost = (sub: SubscriptionSummary<K>) => {
    const p = price(sub);
    return p?.recurring
      ? format(m.perInterval, {
          amount: formatMoney(p.unitAmount, p.currency, ctx.locale),
          interval: p.recurring.interval,
        })
      : null;
  };
  const date = (sub: SubscriptionSummary<K>) => formatDate(sub.currentPeriodEnd, ctx.locale);
  const change = async (sub: SubscriptionSummary<K>, stop: boolean) => {
    setAnnouncement('');
    (stop ? resume : cancel).reset();
    const updated = await (stop ? cancel : resume).mutate(sub.id);
    confirm.close(true);
    if (updated) setAnnouncement(stop ? format(m.canceled, { date: date(sub) }) : m.resumed);
  };

  const listProblem = list.error ? describeError(list.error, m) : null;
  const actionProblem = cancel.problem ?? resume.problem;
  const busy = cancel.status === 'processing' || resume.status === 'processing';
  const state: UiState = busy
    ? 'processing'
    : actionProblem
      ? 'error'
      : listProblem
        ? 'error'
        : list.status === 'loading'
          ? 'loading'
          : 'idle';
  const subs = (list.data?.data ?? []) as SubscriptionSummary<K>[];

  return (
    <section
      className={cx('tb tb-subscriptions', props.className)}
      data-state={state}
      aria-busy={state === 'loading'}
    >
      <h2 className="tb-heading">{m.heading}</h2>
      {list.data && subs.length === 0 ? <p className="tb-empty">{m.empty}</p> : null}
      {subs.length > 0 ? (
        <ul className="tb-list">
          {subs.map((sub) => (
            <li
              key={sub.id}
              className="tb-item"
              data-status={sub.status}
              data-current={sub.id === current ? 'true' : undefined}
            >
              <span className="tb-item-label">{label(sub)}</span>
              {sub.id === current ? <span className="tb-badge tb-badge-current">{m.currentPlan}</span> : null}
              <span className="tb-badge">{statusLabel(m, sub.status)}</span>
              <span className="tb-item-detail">
                {[
                  cost(sub),
                  format(sub.cancelAtPeriodEnd ? m.ends : m.renews, { date: date(sub) }),
                  sub.status === 'trialing' && sub.trialEnd
                    ? format(m.trialEnds, { date: formatDate(sub.trialEnd, ctx.locale) })
                    : null,
                  sub.scheduledChange
                    ? format(m.scheduledChange, {
                        price: label({ ...sub, price: sub.scheduledChange.price }),
                        date: formatDate(sub.scheduledChange.effectiveAt, ctx.locale),
                      })
                    : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              {sub.status === 'past_due' || sub.status === 'unpaid' ? (
                <span className="tb-item-detail tb-past-due">
                  {m.pastDue}{' '}
                  <CustomerPortalButton className="tb-button-secondary">{m.fixCard}</CustomerPortalButton>
                </span>
              ) : null}
              {confirm.open === sub.id ? (
                <ConfirmStep
                  group={confirm.groupProps}
                  question={format(m.confirmCancel, { price: label(sub) })}
                  confirmLabel={m.confirm}
                  cancelLabel={m.keep}
                  onConfirm={() => change(sub, true)}
                  onCancel={() => confirm.close(true)}
                  disabled={busy}
                />
              ) : sub.cancelAtPeriodEnd ? (
                <button
                  type="button"
                  className="tb-button tb-button-secondary"
                  onClick={() => change(sub, false)}
                  ref={confirm.trigger(sub.id)}
                  disabled={busy}
                  aria-label={format(m.resumeLabel, { price: label(sub) })}
                >
                  {m.resume}
                </button>
              ) : sub.status === 'canceled' ? null : (
                <button
                  type="button"
                  className="tb-button tb-button-secondary"
                  onClick={() => confirm.show(sub.id)}
                  ref={confirm.trigger(sub.id)}
                  disabled={busy}
                  aria-label={format(m.cancelLabel, { price: label(sub) })}
                >
                  {m.cancel}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <Status>{state === 'loading' ? m.loading : busy ? m.loading : announcement}</Status>
      <Alert problem={listProblem} retryLabel={m.retry} onRetry={list.refetch} />
      <Alert problem={actionProblem} retryLabel={m.retry} />
    </section>
  );
}
