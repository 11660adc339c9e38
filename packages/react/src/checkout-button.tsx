import {
  type CheckoutCreateRequest,
  type CheckoutCreateResponse,
  type CheckoutMode,
  type CheckoutUiMode,
  type LineItem,
  type ROUTES,
  request,
} from '@tollbooth/core';
import { type ReactNode, useEffect } from 'react';
import { useAttempt, useCallMessages, useHydrated } from './_internal/hooks';
import { Alert, cx, Status } from './_internal/ui';
import { checkoutButtonMessages, type errorMessages } from './messages';
import { type CatalogKey, useTollboothContext } from './provider';

/** Either a cart (`items`) or one catalog price (`price`, `quantity`). */
export type CheckoutItemsProps<K extends string> =
  | {
      /** The cart: catalog keys and whole quantities. */ items: LineItem<K>[];
      price?: never;
      quantity?: never;
    }
  | {
      /** One catalog key to buy. */
      price: K;
      /** How many of `price`. @default 1 */
      quantity?: number;
      items?: never;
    };

export type CheckoutButtonProps<K extends CatalogKey = CatalogKey> = CheckoutItemsProps<K> & {
  /** `subscription` for recurring prices. @default 'payment' */
  mode?: CheckoutMode;
  /** `hosted` redirects to Stripe; `embedded` only creates the session and hands it to `onCheckout`. @default 'hosted' */
  uiMode?: CheckoutUiMode;
  /** Where Stripe sends the buyer after paying, a path on your site. @default the server's default */
  successPath?: string;
  /** Where Stripe sends the buyer who goes back. @default the server's default */
  cancelPath?: string;
  /** Called with the created session before any redirect. */
  onCheckout?: (session: CheckoutCreateResponse) => void;
  /** How to go to Stripe's hosted page. @default url => window.location.assign(url) */
  redirect?: (url: string) => void;
  /** The button's content. @default messages.label, or messages.subscribe with `mode="subscription"` */
  children?: ReactNode;
  disabled?: boolean;
  className?: string;
  messages?: Partial<typeof checkoutButtonMessages & typeof errorMessages>;
};

// Spelled out rather than read from ROUTES so a page with one button does not ship every route; the type
// check keeps the two in step.
const CHECKOUT_ROUTE = {
  method: 'POST',
  path: '/checkout',
} as const satisfies (typeof ROUTES)['checkout.create'];

/** A button that creates a Checkout Session on your server and goes to Stripe's hosted page. No Stripe.js. */
export function CheckoutButton<K extends CatalogKey = CatalogKey>(props: CheckoutButtonProps<K>): ReactNode {
  const ctx = useTollboothContext('<CheckoutButton>');
  const m = useCallMessages(ctx, 'checkoutButton', checkoutButtonMessages, props.messages);
  const { state, problem, run, reset } = useAttempt(m);
  const hydrated = useHydrated();
  const items: LineItem<K>[] = props.items ?? [{ price: props.price as K, quantity: props.quantity ?? 1 }];
  const uiMode = props.uiMode ?? 'hosted';

  // Coming back with the browser's back button restores this page from the bfcache, still "redirecting".
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => event.persisted && reset();
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, [reset]);

  const onClick = () =>
    run(async (idempotencyKey) => {
      // Unset options are `undefined`, which JSON leaves out: the server sees only what was given.
      const { mode, successPath, cancelPath } = props;
      const input: CheckoutCreateRequest<K> = { items, mode, uiMode, successPath, cancelPath };
      const session = await request<CheckoutCreateResponse>(ctx.options, {
        ...CHECKOUT_ROUTE,
        input,
        idempotencyKey,
      });
      props.onCheckout?.(session);
      if ('url' in session) (props.redirect ?? ((url) => window.location.assign(url)))(session.url);
    });

  const busy = state === 'processing' || (state === 'succeeded' && uiMode === 'hosted');
  return (
    <div className={cx('tb tb-checkout-button', props.className)} data-state={state}>
      <button
        type="button"
        className="tb-button"
        onClick={onClick}
        disabled={props.disabled || busy || !hydrated}
        aria-busy={busy}
      >
        {props.children ?? (props.mode === 'subscription' ? m.subscribe : m.label)}
      </button>
      <Status>{busy ? m.processing : null}</Status>
      <Alert problem={problem} retryLabel={m.retry} onRetry={onClick} />
    </div>
  );
}
