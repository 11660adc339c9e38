import { type CheckoutMode, createIdempotencyKey, type LineItem } from '@tollbooth/core';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { describeError } from './_internal/errors';
import { useMessages, useResource } from './_internal/hooks';
import { keys } from './_internal/keys';
import { useStripeJs } from './_internal/load-stripe';
import { Alert, cx, Status } from './_internal/ui';
import type { errorMessages } from './messages';
import { type CatalogKey, getClient, useTollboothContext } from './provider';

const loadEmbedded = () => import('./_internal/embedded');
// Named exports: a CommonJS chunk loaded with import() exposes them in Node and every bundler alike.
const Embedded = /* @__PURE__ */ lazy(() => loadEmbedded().then((m) => ({ default: m.Embedded })));

export type EmbeddedCheckoutProps<K extends CatalogKey = CatalogKey> = (
  | {
      /** The cart; a session is created on your server on mount. */
      items: LineItem<K>[];
      clientSecret?: never;
    }
  | {
      /** A session you created already (e.g. with `<CheckoutButton uiMode="embedded" onCheckout>`). */
      clientSecret: string;
      items?: never;
    }
) & {
  /** @default 'payment' */
  mode?: CheckoutMode;
  /** Where Stripe sends the buyer after paying, a path on your site. @default the server's default */
  successPath?: string;
  /** Called when the buyer completed the payment (only when the session does not redirect). */
  onComplete?: () => void;
  className?: string;
  messages?: Partial<typeof errorMessages>;
};

/** Stripe's embedded Checkout in your page; Stripe.js and Stripe's React bindings load on mount. */
export function EmbeddedCheckout<K extends CatalogKey = CatalogKey>(
  props: EmbeddedCheckoutProps<K>,
): ReactNode {
  const ctx = useTollboothContext('<EmbeddedCheckout>');
  const m = useMessages(ctx, null, {}, props.messages);
  const [idempotencyKey, setKey] = useState(createIdempotencyKey);
  const stripeJs = useStripeJs(ctx, m);
  const { stripe } = stripeJs;
  useEffect(() => {
    loadEmbedded().catch(() => {});
  }, []);
  const session = useResource(
    ctx,
    props.items ? keys.created('checkout', idempotencyKey) : null,
    async () => {
      const created = await getClient(ctx).createCheckout(
        {
          items: props.items ?? [],
          uiMode: 'embedded',
          ...(props.mode && { mode: props.mode }),
          ...(props.successPath && { successPath: props.successPath }),
        },
        { idempotencyKey },
      );
      return 'clientSecret' in created ? created.clientSecret : '';
    },
  );
  const clientSecret = props.clientSecret ?? session.data;
  const problem = stripeJs.problem ?? (session.error ? describeError(session.error, m) : null);
  const state = problem ? 'error' : stripe && clientSecret ? 'idle' : 'loading';
  const retry = () =>
    stripeJs.problem
      ? stripeJs.retry()
      : session.error?.code === 'network_error'
        ? session.refetch()
        : setKey(createIdempotencyKey());
  return (
    <div
      className={cx('tb tb-embedded-checkout', props.className)}
      data-state={state}
      aria-busy={state === 'loading'}
    >
      {stripe && clientSecret ? (
        <Suspense fallback={null}>
          <Embedded stripe={stripe} clientSecret={clientSecret} onComplete={props.onComplete} />
        </Suspense>
      ) : null}
      <Status>{state === 'loading' ? m.loading : null}</Status>
      <Alert problem={problem} retryLabel={m.retry} onRetry={retry} />
    </div>
  );
}
