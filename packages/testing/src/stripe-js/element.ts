import type { Appearance, StripeError } from '@stripe/stripe-js';
import type { CardFieldError, CardInput } from './card';
import { type CardFields, createCardFields } from './card-fields';
import { applyAppearance, ensureStyles } from './styles';

type Handler = (event: unknown) => unknown;

/** Options of `elements.create('payment' | 'card', options)` the stand-in reads; the rest are accepted and ignored. */
export interface StandInElementOptions {
  fields?: {
    billingDetails?: 'auto' | 'never' | { address?: 'auto' | 'never' | { postalCode?: 'auto' | 'never' } };
  };
  defaultValues?: { billingDetails?: { address?: { postal_code?: string } } };
  readOnly?: boolean;
  disabled?: boolean;
  hidePostalCode?: boolean;
  value?: { postalCode?: string };
  [option: string]: unknown;
}

export interface StandInElement {
  readonly elementType: 'payment' | 'card';
  mount(target: string | HTMLElement): void;
  unmount(): void;
  destroy(): void;
  update(options: Partial<StandInElementOptions>): void;
  focus(): void;
  blur(): void;
  clear(): void;
  collapse(): StandInElement;
  on(event: string, handler: Handler): StandInElement;
  once(event: string, handler: Handler): StandInElement;
  off(event: string, handler?: Handler): StandInElement;
  /** Internal: the card input while mounted, for confirm calls. */
  _read(): { input: CardInput; errors: CardFieldError[] } | null;
  _validate(): CardFieldError[] | null;
  _setAppearance(appearance: Appearance | undefined): void;
}

function collectsPostalCode(type: 'payment' | 'card', options: StandInElementOptions): boolean {
  if (type === 'card') return !options.hidePostalCode;
  const details = options.fields?.billingDetails;
  if (details === 'never') return false;
  const address = typeof details === 'object' ? details.address : undefined;
  if (address === 'never') return false;
  return !(typeof address === 'object' && address.postalCode === 'never');
}

export function createElement(
  type: 'payment' | 'card',
  initial: StandInElementOptions,
  group: {
    appearance(): Appearance | undefined;
    onDestroy(element: StandInElement): void;
    /** Resolves with an error message when the group's client secret does not load, like a bad secret in Stripe.js. */
    load(): Promise<StripeError | null>;
  },
): StandInElement {
  let options = { ...initial };
  const listeners = new Map<string, Set<Handler>>();
  let fields: CardFields | null = null;
  let root: HTMLElement | null = null;
  let destroyed = false;
  let ready = false;

  const emit = (event: string, payload: unknown) => {
    for (const handler of Array.from(listeners.get(event) ?? [])) handler(payload);
  };
  const changeEvent = () => {
    const input = fields?.read();
    const errors = fields?.validate(false) ?? [];
    const event: Record<string, unknown> = {
      elementType: type,
      empty: fields?.isEmpty() ?? true,
      complete: errors.length === 0,
      error: undefined,
    };
    if (type === 'payment') {
      Object.assign(event, {
        collapsed: false,
        value: { type: 'card', billingDetails: { address: { postalCode: input?.postalCode || null } } },
      });
    } else {
      Object.assign(event, {
        brand: root?.dataset.brand ?? 'unknown',
        value: { postalCode: input?.postalCode },
      });
    }
    return event;
  };
  const assertAlive = (method: string) => {
    if (destroyed)
      throw new Error(`This Element has already been destroyed. Please create a new one (${method}).`);
  };
  const render = (doc: Document) => {
    fields?.dispose();
    const address = options.defaultValues?.billingDetails?.address?.postal_code ?? options.value?.postalCode;
    fields = createCardFields(doc, {
      postalCode: collectsPostalCode(type, options),
      defaultPostalCode: address,
      onInput: () => emit('change', changeEvent()),
    });
    fields.setDisabled(Boolean(options.readOnly || options.disabled));
    root?.replaceChildren(fields.root);
  };

  const element: StandInElement = {
    elementType: type,
    mount(target) {
      assertAlive('mount');
      const node = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
      if (!node)
        throw new Error(`The selector you specified (${String(target)}) applies to no DOM elements.`);
      ensureStyles(node.ownerDocument);
      emit('loaderstart', { elementType: type });
      root = node.ownerDocument.createElement('div');
      root.className = 'tb-stripe';
      root.dataset.stripeStandIn = type;
      applyAppearance(root, group.appearance());
      root.addEventListener('focusin', (event) => {
        if (!root?.contains(event.relatedTarget as Node | null)) emit('focus', { elementType: type });
      });
      root.addEventListener('focusout', (event) => {
        if (!root?.contains(event.relatedTarget as Node | null)) emit('blur', { elementType: type });
      });
      root.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') emit('escape', { elementType: type });
      });
      render(node.ownerDocument);
      node.replaceChildren(root);
      const mounted = root;
      // Real Elements become ready once their iframe has loaded the intent; never in the same task as mount,
      // which also gives React time to attach onReady.
      void group.load().then((error) => {
        if (root !== mounted || destroyed) return;
        if (error) {
          emit('loaderror', { elementType: type, error });
          return;
        }
        ready = true;
        emit('ready', { elementType: type });
      });
    },
    unmount() {
      fields?.dispose();
      root?.remove();
      root = null;
      fields = null;
      ready = false;
    },
    destroy() {
      if (destroyed) return;
      element.unmount();
      destroyed = true;
      listeners.clear();
      group.onDestroy(element);
    },
    update(next) {
      assertAlive('update');
      const before = collectsPostalCode(type, options);
      options = { ...options, ...next };
      if (!fields || !root) return;
      if (collectsPostalCode(type, options) !== before) {
        // The set of inputs changed: re-render, keeping what the user typed.
        const typed: Record<string, string> = { ...fields.read() };
        render(root.ownerDocument);
        for (const input of Array.from(root.querySelectorAll('input'))) input.value = typed[input.name] ?? '';
      }
      fields?.setDisabled(Boolean(options.readOnly || options.disabled));
    },
    focus: () => fields?.focus(),
    blur: () => fields?.blur(),
    clear() {
      fields?.clear();
      emit('change', changeEvent());
    },
    collapse: () => element,
    on(event, handler) {
      const set = listeners.get(event) ?? new Set<Handler>();
      listeners.set(event, set);
      set.add(handler);
      // A late 'ready' listener (React attaches its handlers after mount) still hears that the element is ready.
      if (event === 'ready' && ready)
        queueMicrotask(() => set.has(handler) && handler({ elementType: type }));
      return element;
    },
    once(event, handler) {
      const wrapped: Handler = (payload) => {
        element.off(event, wrapped);
        return handler(payload);
      };
      return element.on(event, wrapped);
    },
    off(event, handler) {
      if (handler) listeners.get(event)?.delete(handler);
      else listeners.delete(event);
      return element;
    },
    _read: () => (fields ? { input: fields.read(), errors: fields.validate(false) } : null),
    _validate: () => (fields ? fields.validate(true) : null),
    _setAppearance(appearance) {
      if (root) applyAppearance(root, appearance);
    },
  };
  return element;
}
