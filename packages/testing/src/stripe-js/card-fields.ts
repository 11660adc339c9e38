import {
  type CardField,
  type CardFieldError,
  type CardInput,
  cardBrand,
  formatCardNumber,
  formatCvc,
  formatExpiry,
  validateCard,
  validateCvc,
  validateExpiry,
  validateNumber,
  validatePostalCode,
} from './card';

/** The card form the Payment Element and the embedded checkout page both render. */
export interface CardFields {
  root: HTMLElement;
  read(): CardInput;
  isEmpty(): boolean;
  /** Problems with the current input; with `show`, written under each field and the first focused. */
  validate(show: boolean): CardFieldError[];
  clear(): void;
  focus(): void;
  blur(): void;
  setDisabled(disabled: boolean): void;
  /** Removes the document listeners; call when the fields leave the page. */
  dispose(): void;
}

export interface CardFieldsOptions {
  /** Whether the postal code is collected (Stripe's `fields.billingDetails.address.postalCode`). */
  postalCode: boolean;
  defaultPostalCode?: string;
  /** Called after every keystroke that changes a value. */
  onInput(): void;
}

let counter = 0;

interface FieldSpec {
  field: CardField;
  label: string;
  autocomplete: string;
  placeholder: string;
  inputMode: 'numeric' | 'text';
  format?: (value: string, deleting: boolean) => string;
  check: (value: string, input: CardInput) => CardFieldError | null;
}

const SPECS: FieldSpec[] = [
  {
    field: 'number',
    label: 'Card number',
    autocomplete: 'cc-number',
    placeholder: '1234 1234 1234 1234',
    inputMode: 'numeric',
    format: (value) => formatCardNumber(value),
    check: (value) => validateNumber(value),
  },
  {
    field: 'expiry',
    label: 'Expiration date (MM / YY)',
    autocomplete: 'cc-exp',
    placeholder: 'MM / YY',
    inputMode: 'numeric',
    format: formatExpiry,
    check: (value) => validateExpiry(value),
  },
  {
    field: 'cvc',
    label: 'Security code (CVC)',
    autocomplete: 'cc-csc',
    placeholder: 'CVC',
    inputMode: 'numeric',
    format: (value) => formatCvc(value),
    check: (value, input) => validateCvc(value, input.number),
  },
  {
    field: 'postalCode',
    label: 'Postal code',
    autocomplete: 'postal-code',
    placeholder: '12345',
    inputMode: 'text',
    check: (value) => validatePostalCode(value),
  },
];

export function createCardFields(doc: Document, options: CardFieldsOptions): CardFields {
  const prefix = `tb-stripe-${++counter}`;
  const root = doc.createElement('div');
  root.className = 'tb-stripe-card';
  const inputs = new Map<CardField, HTMLInputElement>();
  const messages = new Map<CardField, HTMLElement>();
  const row = doc.createElement('div');
  row.className = 'tb-stripe-row';
  // A message appearing on blur moves what is below it. When the blur comes from pressing a button
  // (Pay), the message waits until that click has landed, or the button would slide from under the pointer.
  const pending = new Set<CardField>();
  let pressed = false;
  const flush = () => {
    for (const field of pending) {
      const input = inputs.get(field);
      const spec = SPECS.find((s) => s.field === field);
      if (input && spec && input.value.trim() !== '') show(field, spec.check(input.value, read()));
    }
    pending.clear();
  };
  const onPointerDown = () => {
    pressed = true;
  };
  // Chromium dispatches click in the same task as pointerup; the timeout runs after it.
  const onPointerUp = () =>
    setTimeout(() => {
      pressed = false;
      flush();
    }, 0);
  doc.addEventListener('pointerdown', onPointerDown, true);
  doc.addEventListener('pointerup', onPointerUp, true);
  doc.addEventListener('pointercancel', onPointerUp, true);

  for (const spec of SPECS) {
    if (spec.field === 'postalCode' && !options.postalCode) continue;
    const id = `${prefix}-${spec.field}`;
    const wrapper = doc.createElement('div');
    wrapper.className = 'tb-stripe-field';
    const label = doc.createElement('label');
    label.htmlFor = id;
    label.textContent = spec.label;
    const input = doc.createElement('input');
    Object.assign(input, {
      id,
      type: 'text',
      autocomplete: spec.autocomplete,
      placeholder: spec.placeholder,
    });
    input.name = spec.field;
    input.inputMode = spec.inputMode;
    input.spellcheck = false;
    input.setAttribute('aria-invalid', 'false');
    input.setAttribute('aria-describedby', `${id}-error`);
    if (spec.field === 'postalCode' && options.defaultPostalCode) input.value = options.defaultPostalCode;
    const message = doc.createElement('p');
    message.id = `${id}-error`;
    message.className = 'tb-stripe-error';
    message.setAttribute('aria-live', 'polite');
    input.addEventListener('input', (event) => {
      if (spec.format) {
        const deleting = (event as InputEvent).inputType?.startsWith('delete') ?? false;
        input.value = spec.format(input.value, deleting);
      }
      if (spec.field === 'number') root.dataset.brand = cardBrand(input.value);
      // Stripe clears a field's message as soon as the input becomes valid again.
      if (input.getAttribute('aria-invalid') === 'true' && !spec.check(input.value, read()))
        show(spec.field, null);
      options.onInput();
    });
    // Inline validation on leaving a field, as Stripe does: an empty field is not yet an error.
    input.addEventListener('blur', () => {
      pending.add(spec.field);
      if (!pressed) flush();
    });
    inputs.set(spec.field, input);
    messages.set(spec.field, message);
    wrapper.append(label, input, message);
    (spec.field === 'expiry' || spec.field === 'cvc' ? row : root).appendChild(wrapper);
    if (spec.field === 'expiry') root.appendChild(row);
  }

  function read(): CardInput {
    const value = (field: CardField) => inputs.get(field)?.value ?? '';
    return {
      number: value('number'),
      expiry: value('expiry'),
      cvc: value('cvc'),
      postalCode: value('postalCode'),
    };
  }

  function show(field: CardField, error: CardFieldError | null): void {
    const input = inputs.get(field);
    const message = messages.get(field);
    if (!input || !message) return;
    input.setAttribute('aria-invalid', error ? 'true' : 'false');
    message.textContent = error?.message ?? '';
  }

  return {
    root,
    read,
    isEmpty: () =>
      Array.from(inputs.values()).every((i) => i.value === '' || i.value === options.defaultPostalCode),
    validate(display) {
      const errors = validateCard(read(), { postalCode: options.postalCode });
      if (display) {
        for (const field of inputs.keys()) show(field, errors.find((e) => e.field === field) ?? null);
        const first = errors[0];
        if (first) inputs.get(first.field)?.focus();
      }
      return errors;
    },
    clear() {
      for (const [field, input] of inputs) {
        input.value = '';
        show(field, null);
      }
    },
    focus: () => inputs.get('number')?.focus(),
    blur() {
      const active = doc.activeElement;
      if (active instanceof HTMLElement && root.contains(active)) active.blur();
    },
    setDisabled(disabled) {
      for (const input of inputs.values()) input.disabled = disabled;
    },
    dispose() {
      doc.removeEventListener('pointerdown', onPointerDown, true);
      doc.removeEventListener('pointerup', onPointerUp, true);
      doc.removeEventListener('pointercancel', onPointerUp, true);
    },
  };
}
