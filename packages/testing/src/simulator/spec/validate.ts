import { invalidRequest, missingParam } from '../errors';
import type { FormParams, FormValue } from '../form';
import { CURRENCIES } from './currencies';
import type { Rule } from './rules';

// Checks a decoded request against its operation's rule the way Stripe's API does before any work begins:
// unknown keys at any depth, missing required keys, wrong scalar types, values outside an enum, unknown currencies.
// Each failure is Stripe's 400 `invalid_request_error` with its message, code and the bracketed `param`.

const nameOf = (prefix: string, key: string) => (prefix ? `${prefix}[${key}]` : key);

/** "a, b, or c" / "a or b", as Stripe lists allowed values. */
function listValues(values: readonly string[]): string {
  if (values.length <= 2) return values.join(' or ');
  return `${values.slice(0, -1).join(', ')}, or ${values.at(-1)}`;
}

const leafOf = (param: string) => param.match(/([^[\]]+)\]?$/)?.[1] ?? param;

const shown = (value: FormValue) => (typeof value === 'string' ? value : JSON.stringify(value));

/** Why `value` does not fit `rule`, as the error Stripe answers; null when it fits. */
function check(nodes: readonly Rule[], id: number, value: FormValue, param: string): Error | null {
  const rule = nodes[id];
  if (rule === undefined || rule === 'x') return null;
  if (typeof rule === 'string') {
    if (typeof value !== 'string') return invalidRequest(`Invalid string: ${shown(value)}`, param);
    // Stripe reads '' as "unset" for strings, also where the spec does not list it (`default_payment_method`).
    if (value === '') return rule === 's' ? null : emptyValue(param);
    switch (rule) {
      case 'i':
        return /^-?\d+$/.test(value)
          ? null
          : invalidRequest(`Invalid integer: ${value}`, param, 'parameter_invalid_integer');
      case 'n':
      case 'd':
        return /^-?\d+(\.\d+)?$/.test(value) ? null : invalidRequest(`Invalid decimal: ${value}`, param);
      case 'b':
        return value === 'true' || value === 'false'
          ? null
          : invalidRequest(`Invalid boolean: ${value}`, param);
      default:
        return leafOf(param) === 'currency' && !CURRENCIES.includes(value.toLowerCase())
          ? invalidRequest(
              `Invalid currency: ${value}. Stripe currently supports these currencies: ${CURRENCIES.join(', ')}`,
              param,
            )
          : null;
    }
  }
  if ('e' in rule) {
    if (typeof value === 'string' && rule.e.includes(value)) return null;
    if (value === '') return emptyValue(param);
    return invalidRequest(`Invalid ${leafOf(param)}: must be one of ${listValues(rule.e)}`, param);
  }
  if ('u' in rule) {
    let reported: Error | null = null;
    let shaped = false;
    for (const option of rule.u) {
      const error = check(nodes, option, value, param);
      if (!error) return null;
      // Report the alternative shaped like the value (an object for an object), never the "unset" one ('').
      const alternative = nodes[option];
      if (isUnset(alternative)) continue;
      const fits = (typeof value !== 'string') === isContainer(alternative);
      if (!reported || (fits && !shaped)) {
        reported = error;
        shaped = fits;
      }
    }
    return reported ?? emptyValue(param);
  }
  if ('a' in rule) {
    if (!Array.isArray(value)) {
      return value === '' ? emptyValue(param) : invalidRequest('Invalid array', param);
    }
    for (const [i, item] of value.entries()) {
      const error = check(nodes, rule.a, item, `${param}[${i}]`);
      if (error) return error;
    }
    return null;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return value === '' ? emptyValue(param) : invalidRequest('Invalid hash', param);
  }
  if ('m' in rule) {
    for (const [key, item] of Object.entries(value)) {
      const error = check(nodes, rule.m, item, nameOf(param, key));
      if (error) return error;
    }
    return null;
  }
  return checkObject(nodes, rule, value, param);
}

function isUnset(rule: Rule | undefined): boolean {
  return typeof rule === 'object' && 'e' in rule && rule.e.length === 1 && rule.e[0] === '';
}

function isContainer(rule: Rule | undefined): boolean {
  return typeof rule === 'object' && !('e' in rule);
}

function checkObject(
  nodes: readonly Rule[],
  rule: { o: Record<string, number>; r?: string[] },
  value: FormParams,
  prefix: string,
): Error | null {
  for (const [key, item] of Object.entries(value)) {
    const child = rule.o[key];
    const name = nameOf(prefix, key);
    if (child === undefined)
      return invalidRequest(`Received unknown parameter: ${name}`, name, 'parameter_unknown');
    const error = check(nodes, child, item, name);
    if (error) return error;
  }
  for (const key of rule.r ?? []) {
    if (value[key] === undefined) return missingParam(nameOf(prefix, key));
  }
  return null;
}

function emptyValue(param: string): Error {
  return invalidRequest(
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
    param,
    'parameter_invalid_empty',
  );
}

/** Throws Stripe's 400 for the first thing in `params` that does not fit the operation's params rule. */
export function validateParams(nodes: readonly Rule[], root: number, params: FormParams): void {
  const rule = nodes[root];
  if (!rule || typeof rule !== 'object' || !('o' in rule)) return;
  const error = checkObject(nodes, rule, params, '');
  if (error) throw error;
}
