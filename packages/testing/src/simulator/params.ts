import { invalidRequest, missingParam } from './errors';
import type { FormParams, FormValue } from './form';

/** Reads a string param; `''` counts as absent (Stripe's way to unset). */
export function str(params: FormParams, key: string, required = false): string | undefined {
  const value = params[key];
  if (value === undefined || value === '') {
    if (required) throw missingParam(key);
    return undefined;
  }
  if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${key}`, key);
  return value;
}

export function int(params: FormParams, key: string, required = false): number | undefined {
  const raw = str(params, key, required);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw invalidRequest(`Invalid integer: ${raw}`, key);
  return Number(raw);
}

export function bool(params: FormParams, key: string): boolean | undefined {
  const raw = str(params, key);
  if (raw === undefined) return undefined;
  if (raw !== 'true' && raw !== 'false') throw invalidRequest(`Invalid boolean: ${raw}`, key);
  return raw === 'true';
}

export function obj(params: FormParams, key: string): FormParams | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest(`Invalid object: ${key}`, key);
  return value;
}

export function arr(params: FormParams, key: string): FormValue[] | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (!Array.isArray(value)) throw invalidRequest(`Invalid array: ${key}`, key);
  return value;
}

export function oneOf<T extends string>(
  params: FormParams,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const value = str(params, key);
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw invalidRequest(`Invalid ${key}: must be one of ${allowed.join(', ')}`, key);
  }
  return value as T;
}

/** The `expand[]` list of a request. */
export function expandList(params: FormParams): string[] {
  const value = params.expand;
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string');
}

/**
 * Applies a `metadata` param to existing metadata like Stripe: keys merge, an empty value deletes a key,
 * `metadata=''` clears everything. Stripe's limits (50 keys, 40-char keys, 500-char values) are enforced.
 */
export function applyMetadata(existing: Record<string, string>, params: FormParams): Record<string, string> {
  const value = params.metadata;
  if (value === undefined) return existing;
  if (value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest('Invalid metadata', 'metadata');
  const next = { ...existing };
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw invalidRequest(`Invalid metadata[${key}]`, `metadata[${key}]`);
    if (key.length > 40)
      throw invalidRequest('Metadata keys can be at most 40 characters.', `metadata[${key}]`);
    if (item.length > 500) {
      throw invalidRequest('Metadata values can be at most 500 characters.', `metadata[${key}]`);
    }
    if (item === '') delete next[key];
    else next[key] = item;
  }
  if (Object.keys(next).length > 50) throw invalidRequest('Metadata can have at most 50 keys.', 'metadata');
  return next;
}
