import type { ReactNode } from 'react';
import type { useConfirmStep } from './confirm-step';

/** The markup of an open confirm step: the question as the legend, a danger Confirm and a secondary Cancel. */
export function ConfirmStep(props: {
  /** `useConfirmStep().groupProps`: focus on open, Escape closes. */
  group: ReturnType<typeof useConfirmStep>['groupProps'];
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  disabled: boolean;
}): ReactNode {
  return (
    <fieldset {...props.group}>
      <legend>{props.question}</legend>
      <button
        type="button"
        className="tb-button tb-button-danger"
        onClick={props.onConfirm}
        disabled={props.disabled}
      >
        {props.confirmLabel}
      </button>
      <button
        type="button"
        className="tb-button tb-button-secondary"
        onClick={props.onCancel}
        disabled={props.disabled}
      >
        {props.cancelLabel}
      </button>
    </fieldset>
  );
}
