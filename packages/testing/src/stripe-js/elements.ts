import type { Appearance, StripeError } from '@stripe/stripe-js';
import { createElement, type StandInElement, type StandInElementOptions } from './element';
import { intentIdFromSecret, type SimulatorHttp } from './http';

/** Options of `stripe.elements(options)` the stand-in reads. */
export interface StandInElementsOptions {
  clientSecret?: string;
  mode?: 'payment' | 'setup' | 'subscription';
  amount?: number;
  currency?: string;
  appearance?: Appearance;
  [option: string]: unknown;
}

export interface StandInElements {
  create(type: string, options?: StandInElementOptions): StandInElement;
  getElement(type: string): StandInElement | null;
  update(options: Partial<StandInElementsOptions>): Promise<void>;
  fetchUpdates(): Promise<{ error?: { message: string } }>;
  submit(): Promise<{ error: StripeError } | { selectedPaymentMethod: string }>;
  on(event: 'update-end', handler: () => void): void;
  /** Internal: the options the group was created with, merged with updates. */
  _options(): StandInElementsOptions;
  /** Internal: the mounted element collecting card details, if any. */
  _cardElement(): StandInElement | null;
  /** Internal: whether `submit()` succeeded since the last change, for deferred-intent confirms. */
  _submitted: boolean;
}

const SUPPORTED = ['payment', 'card'] as const;

/** Stripe.js's message when confirming with no element that collects a payment method. */
const NO_ELEMENT: StripeError = {
  type: 'validation_error',
  code: 'incomplete',
  message: 'Please mount a Payment Element before calling elements.submit().',
};

export function validationError(error: { code: string; message: string }): StripeError {
  return { type: 'validation_error', code: error.code, message: error.message };
}

export function createElements(http: SimulatorHttp, initial: StandInElementsOptions = {}): StandInElements {
  let options = { ...initial };
  let loading: Promise<StripeError | null> | null = null;
  // Like Stripe.js, the group loads its intent once; a bad client secret surfaces as the element's loaderror.
  const load = () => {
    loading ??= (async () => {
      const secret = options.clientSecret;
      if (!secret) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        return null;
      }
      const id = intentIdFromSecret(secret);
      const path = id?.startsWith('seti_') ? 'setup_intents' : 'payment_intents';
      if (!id)
        return { type: 'invalid_request_error', message: 'Invalid value for elements(): clientSecret.' };
      const result = await http.api('GET', `/v1/${path}/${id}`, { client_secret: secret });
      return result.ok ? null : result.error;
    })();
    return loading;
  };
  const created = new Map<string, StandInElement>();
  const updateEnd = new Set<() => void>();

  const group: StandInElements = {
    _submitted: false,
    create(type, elementOptions = {}) {
      if (!(SUPPORTED as readonly string[]).includes(type)) {
        throw new Error(
          `elements.create('${type}') is not supported by the Stripe.js stand-in; use 'payment' (or 'card').`,
        );
      }
      if (created.has(type)) throw new Error(`Can only create one Element of type ${type}.`);
      const element = createElement(type as (typeof SUPPORTED)[number], elementOptions, {
        appearance: () => options.appearance,
        load,
        onDestroy: (destroyed) => {
          if (created.get(type) === destroyed) created.delete(type);
        },
      });
      // Any edit after a successful submit() needs another submit(), as in Stripe.js.
      element.on('change', () => {
        group._submitted = false;
      });
      created.set(type, element);
      return element;
    },
    getElement: (type) => created.get(type) ?? null,
    async update(next) {
      if ('clientSecret' in next) throw new Error('options.clientSecret is not a mutable property.');
      options = { ...options, ...next };
      for (const element of created.values()) element._setAppearance(options.appearance);
      for (const handler of updateEnd) handler();
    },
    fetchUpdates: async () => ({}),
    async submit() {
      const element = group._cardElement();
      const errors = element?._validate();
      if (!element || !errors) return { error: NO_ELEMENT };
      const first = errors[0];
      if (first) return { error: validationError(first) };
      group._submitted = true;
      return { selectedPaymentMethod: 'card' };
    },
    on(event, handler) {
      if (event === 'update-end') updateEnd.add(handler);
    },
    _options: () => options,
    _cardElement() {
      for (const type of SUPPORTED) {
        const element = created.get(type);
        if (element?._read()) return element;
      }
      return null;
    },
  };
  return group;
}
