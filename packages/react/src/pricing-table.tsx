import type { CatalogPrice, CatalogResponse } from '@tollbooth/core';
import type { ReactNode } from 'react';
import { describeError, format } from './_internal/errors';
import { useMessages } from './_internal/hooks';
import { formatMoney } from './_internal/money';
import { Alert, cx, Status } from './_internal/ui';
import { useCurrentSubscription } from './billing';
import { CheckoutButton, type CheckoutButtonProps } from './checkout-button';
import { useCatalog } from './hooks';
import { type errorMessages, pricingTableMessages } from './messages';
import { type CatalogKey, useTollboothContext } from './provider';

export interface PricingTableProps<K extends CatalogKey = CatalogKey> {
  /** Show only these catalog keys, in this order. @default every price, in the server's order */
  prices?: K[];
  /** The buy action of a price. @default a `<CheckoutButton>` (subscription mode for recurring prices) */
  renderAction?: (price: CatalogPrice<K>, label: string) => ReactNode;
  /** Where Stripe sends the buyer after paying. @default the server's default */
  successPath?: string;
  /** Passed to each default `<CheckoutButton>`. @default url => window.location.assign(url) */
  redirect?: (url: string) => void;
  /**
   * More props for each default `<CheckoutButton>` (`cancelPath`, `onCheckout`, `uiMode`, `messages`,
   * `className`, `disabled`…). `price`, `mode` and the label come from each price; `successPath` and
   * `redirect` above win over the same keys here. @default {}
   */
  checkoutButtonProps?: PricingTableButtonProps;
  /**
   * Mark the price of the caller's live subscription (`GET /billing`) as the current plan, in place of its buy
   * button. Signed-out visitors see nothing marked. @default true
   */
  markCurrent?: boolean;
  /**
   * The catalog as `GET /catalog` answers it, loaded on the server (`await tollbooth.load('catalog.read',
   * await headers())`): the cards are in the first HTML and the browser does not ask for them on mount.
   * @default undefined (loaded in the browser)
   */
  initialData?: CatalogResponse<K>;
  className?: string;
  messages?: Partial<typeof pricingTableMessages & typeof errorMessages>;
}

/** What `<PricingTable checkoutButtonProps>` passes to each default `<CheckoutButton>`. */
export type PricingTableButtonProps = Omit<
  CheckoutButtonProps,
  'items' | 'price' | 'quantity' | 'mode' | 'children'
>;

/** The catalog (`GET /catalog`) as cards: name, description, price, and a buy action for each. */
export function PricingTable<K extends CatalogKey = CatalogKey>(props: PricingTableProps<K>): ReactNode {
  const ctx = useTollboothContext('<PricingTable>');
  const m = useMessages(ctx, 'pricingTable', pricingTableMessages, props.messages);
  const catalog = useCatalog({ initialData: props.initialData });
  const problem = catalog.error ? describeError(catalog.error, m) : null;
  const all = (catalog.data?.prices ?? []) as CatalogPrice<K>[];
  const prices = props.prices ? props.prices.flatMap((key) => all.filter((price) => price.id === key)) : all;
  const state = problem ? 'error' : catalog.status === 'loading' ? 'loading' : 'idle';
  const current = useCurrentSubscription(ctx, props.markCurrent !== false)?.price;

  return (
    <section
      className={cx('tb tb-pricing-table', props.className)}
      data-state={state}
      aria-busy={state === 'loading'}
    >
      <h2 className="tb-heading">{m.heading}</h2>
      {catalog.data && prices.length === 0 ? <p className="tb-empty">{m.empty}</p> : null}
      {prices.length > 0 ? (
        <ul className="tb-plans">
          {prices.map((price) => {
            const amount = formatMoney(price.unitAmount, price.currency, ctx.locale);
            const label = price.recurring ? m.subscribe : m.buy;
            return (
              <li
                key={price.id}
                className="tb-plan"
                data-price={price.id}
                data-recurring={price.recurring ? price.recurring.interval : undefined}
                data-current={price.id === current ? 'true' : undefined}
              >
                <h3 className="tb-plan-name">{price.product.name}</h3>
                {price.product.description ? (
                  <p className="tb-plan-description">{price.product.description}</p>
                ) : null}
                <p className="tb-plan-price">
                  {price.recurring
                    ? format(m.perInterval, { amount, interval: price.recurring.interval })
                    : amount}
                </p>
                {price.id === current ? (
                  <span className="tb-badge tb-badge-current">{m.currentPlan}</span>
                ) : props.renderAction ? (
                  props.renderAction(price, label)
                ) : (
                  <CheckoutButton
                    {...props.checkoutButtonProps}
                    price={price.id}
                    mode={price.recurring ? 'subscription' : 'payment'}
                    successPath={props.successPath ?? props.checkoutButtonProps?.successPath}
                    redirect={props.redirect ?? props.checkoutButtonProps?.redirect}
                  >
                    {label}
                    <span className="tb-visually-hidden"> {price.product.name}</span>
                  </CheckoutButton>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      <Status>{state === 'loading' ? m.loading : null}</Status>
      <Alert problem={problem} retryLabel={m.retry} onRetry={catalog.refetch} />
    </section>
  );
}
