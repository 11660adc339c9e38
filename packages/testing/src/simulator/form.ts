/** A decoded Stripe request body or query: nested objects and arrays of strings, as Stripe's API reads them. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

/** Splits `a[b][0][c]` into `['a', 'b', '0', 'c']`; `a[]` gives `['a', '']` (append). */
function splitKey(key: string): string[] {
  const first = key.indexOf('[');
  if (first <= 0) return [key];
  const parts = [key.slice(0, first)];
  const re = /\[([^\]]*)\]/g;
  for (let match = re.exec(key); match; match = re.exec(key)) parts.push(match[1] ?? '');
  return parts;
}

function isIndex(part: string): boolean {
  return part === '' || /^\d+$/.test(part);
}

/**
 * Decodes `application/x-www-form-urlencoded` bodies the way Stripe does: bracket notation builds nested objects,
 * numeric or empty brackets build arrays (`expand[]=a`, `items[0][price]=p`). An empty value stays `''`, which
 * Stripe reads as "unset" for metadata keys and nullable fields.
 */
export function decodeForm(input: string | URLSearchParams): FormParams {
  const search = typeof input === 'string' ? new URLSearchParams(input) : input;
  const root: FormParams = {};
  for (const [rawKey, value] of search) {
    const parts = splitKey(rawKey);
    // Arrays are built as objects keyed by index, then converted, so `a[1]` before `a[0]` still works.
    let node: Record<string, unknown> = root;
    for (let i = 0; i < parts.length; i++) {
      let part = parts[i] ?? '';
      const last = i === parts.length - 1;
      if (part === '') part = String(Object.keys(node).length);
      if (last) {
        node[part] = value;
      } else {
        const next = node[part];
        if (typeof next !== 'object' || next === null) {
          const child: Record<string, unknown> = {};
          Object.defineProperty(child, '__array', { value: isIndex(parts[i + 1] ?? ''), enumerable: false });
          node[part] = child;
        }
        node = node[part] as Record<string, unknown>;
      }
    }
  }
  return finish(root) as FormParams;
}

function finish(value: unknown): FormValue {
  if (typeof value !== 'object' || value === null) return String(value);
  const record = value as Record<string, unknown> & { __array?: boolean };
  if (record.__array) {
    return Object.keys(record)
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => finish(record[key]));
  }
  const out: Record<string, FormValue> = {};
  for (const [key, child] of Object.entries(record)) out[key] = finish(child);
  return out;
}

/** Encodes nested params in Stripe's bracket notation (used by tests and the hosted pages). */
export function encodeForm(params: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(`${key}[${i}]`, item);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(`${key}[${k}]`, v);
    } else
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(value === null ? '' : String(value))}`);
  };
  for (const [key, value] of Object.entries(params)) walk(key, value);
  return pairs.join('&');
}
