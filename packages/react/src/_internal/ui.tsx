import type { ReactNode } from 'react';
import type { Problem } from './errors';

export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

/** A polite live region, always in the DOM so screen readers announce changes to it. */
export function Status({ children }: { children?: ReactNode }): ReactNode {
  return (
    <p className="tb-status" role="status" aria-live="polite">
      {children}
    </p>
  );
}

/** A failure the user should notice now (role=alert), with a retry when retrying can help. */
export function Alert(props: {
  problem: Problem | null;
  retryLabel: string;
  onRetry?: () => void;
}): ReactNode {
  const { problem, retryLabel, onRetry } = props;
  if (!problem) return null;
  return (
    <div className="tb-alert" role="alert" data-code={problem.code}>
      <p>{problem.message}</p>
      {onRetry && problem.retryable ? (
        <button type="button" className="tb-button tb-button-secondary" onClick={onRetry}>
          {retryLabel}
        </button>
      ) : null}
    </div>
  );
}
