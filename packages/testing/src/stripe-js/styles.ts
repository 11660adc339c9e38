import type { Appearance } from '@stripe/stripe-js';

const STYLE_ID = 'tollbooth-stripe-js-stand-in';

/**
 * Appearance variables arrive as CSS custom properties on the element's root, `colorPrimary` →
 * `--tb-stripe-color-primary`, so the sheet below (and an app's own CSS) can read them.
 */
export function appearanceVariables(appearance: Appearance | undefined): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(appearance?.variables ?? {})) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    vars[`--tb-stripe-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`] = String(value);
  }
  return vars;
}

/** Applies appearance to a root node: the theme as `data-theme`, variables as custom properties. */
export function applyAppearance(root: HTMLElement, appearance: Appearance | undefined): void {
  for (const name of Array.from(root.style)) {
    if (name.startsWith('--tb-stripe-')) root.style.removeProperty(name);
  }
  for (const [name, value] of Object.entries(appearanceVariables(appearance)))
    root.style.setProperty(name, value);
  root.dataset.theme = appearance?.theme ?? 'stripe';
}

const v = (name: string, fallback: string) => `var(--tb-stripe-${name}, ${fallback})`;

const CSS = `
.tb-stripe{min-width:0;font-family:${v('font-family', 'system-ui, sans-serif')};font-size:${v('font-size-base', '16px')};color:${v('color-text', '#30313d')};display:grid;gap:calc(${v('spacing-unit', '4px')} * 3)}
.tb-stripe[data-theme=night]{color:${v('color-text', '#e0e6eb')}}
.tb-stripe-row{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:calc(${v('spacing-unit', '4px')} * 3)}
.tb-stripe-field{display:grid;gap:${v('spacing-unit', '4px')}}
.tb-stripe-field label{font-size:.875em}
.tb-stripe-field input{font:inherit;color:inherit;padding:calc(${v('spacing-unit', '4px')} * 3);border:1px solid ${v('color-border', '#e6e6e6')};border-radius:${v('border-radius', '5px')};background:${v('color-background', '#fff')};min-width:0}
.tb-stripe[data-theme=night] .tb-stripe-field input{background:${v('color-background', '#30313d')};border-color:${v('color-border', '#424353')}}
.tb-stripe-field input:focus{outline:2px solid ${v('color-primary', '#0570de')};outline-offset:1px}
.tb-stripe-field input[aria-invalid=true]{border-color:${v('color-danger', '#df1b41')}}
.tb-stripe-error{color:${v('color-danger', '#df1b41')};font-size:.875em;margin:0}
.tb-stripe-error:empty{display:none}
.tb-stripe-button{font:inherit;padding:calc(${v('spacing-unit', '4px')} * 3);border:0;border-radius:${v('border-radius', '5px')};background:${v('color-primary', '#0570de')};color:#fff;cursor:pointer}
.tb-stripe-button[data-variant=secondary]{background:transparent;color:inherit;border:1px solid currentColor}
.tb-stripe-dialog{border:0;border-radius:8px;padding:24px;max-width:24rem;font-family:system-ui,sans-serif}
.tb-stripe-dialog::backdrop{background:rgb(0 0 0 / .5)}
.tb-stripe-dialog-actions{display:flex;gap:8px;justify-content:flex-end}
.tb-stripe-summary{display:grid;gap:4px;margin:0;padding:0;list-style:none}
.tb-stripe-summary li{display:flex;justify-content:space-between}
`;

/** Injected once, on first mount (never at import, so server rendering stays untouched). */
export function ensureStyles(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  doc.head.appendChild(style);
}
