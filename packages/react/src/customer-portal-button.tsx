import { type ReactNode, useEffect } from 'react';
import { useAttempt, useCallMessages, useHydrated } from './_internal/hooks';
import { Alert, cx, Status } from './_internal/ui';
import { customerPortalButtonMessages, type errorMessages } from './messages';
import { getClient, useTollboothContext } from './provider';

export interface CustomerPortalButtonProps {
  /** Where the portal's "return" link goes, a path on your site. @default the server's default */
  returnPath?: string;
  /** How to go to the portal. @default url => window.location.assign(url) */
  redirect?: (url: string) => void;
  /** The button's content. @default messages.label */
  children?: ReactNode;
  className?: string;
  messages?: Partial<typeof customerPortalButtonMessages & typeof errorMessages>;
}

/** Opens Stripe's customer portal for the signed-in customer. No Stripe.js. */
export function CustomerPortalButton(props: CustomerPortalButtonProps): ReactNode {
  const ctx = useTollboothContext('<CustomerPortalButton>');
  const m = useCallMessages(ctx, 'customerPortalButton', customerPortalButtonMessages, props.messages);
  const { state, problem, run, reset } = useAttempt(m);
  const hydrated = useHydrated();
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => event.persisted && reset();
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, [reset]);
  const onClick = () =>
    run(async (idempotencyKey) => {
      const { url } = await getClient(ctx).createPortalSession(
        props.returnPath ? { returnPath: props.returnPath } : {},
        { idempotencyKey },
      );
      (props.redirect ?? ((to) => window.location.assign(to)))(url);
    });
  const busy = state === 'processing' || state === 'succeeded';
  return (
    <div className={cx('tb tb-portal-button', props.className)} data-state={state}>
      <button
        type="button"
        className="tb-button"
        onClick={onClick}
        disabled={busy || !hydrated}
        aria-busy={busy}
      >
        {props.children ?? m.label}
      </button>
      <Status>{busy ? m.processing : null}</Status>
      <Alert problem={problem} retryLabel={m.retry} onRetry={onClick} />
    </div>
  );
}
