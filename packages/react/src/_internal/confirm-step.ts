import { type KeyboardEvent, useEffect, useRef, useState } from 'react';

/**
 * The inline "are you sure?" step of a list item. Opening it moves focus to its question (a fieldset with a
 * legend), Escape or Cancel close it, and focus returns to the item's trigger button so keyboard and
 * screen-reader users keep their place.
 */
export function useConfirmStep() {
  const [open, setOpen] = useState<string | null>(null);
  const group = useRef<HTMLFieldSetElement>(null);
  const triggers = useRef(new Map<string, HTMLButtonElement>());
  const returnTo = useRef<string | null>(null);
  useEffect(() => {
    if (open) group.current?.focus();
    else if (returnTo.current) triggers.current.get(returnTo.current)?.focus();
    if (!open) returnTo.current = null;
  }, [open]);
  /** Closes the step; with `returnFocus`, focus goes back to the item's (possibly new) trigger button. */
  const close = (returnFocus: boolean) => {
    returnTo.current = returnFocus ? open : null;
    setOpen(null);
  };
  return {
    open,
    show: setOpen,
    close,
    groupProps: {
      ref: group,
      tabIndex: -1,
      className: 'tb-confirm',
      onKeyDown: (event: KeyboardEvent) => {
        if (event.key === 'Escape') close(true);
      },
    },
    /** A ref callback for the button that opens the step (or replaces it) in item `id`. */
    trigger: (id: string) => (element: HTMLButtonElement | null) => {
      if (element) triggers.current.set(id, element);
      else triggers.current.delete(id);
    },
  };
}
