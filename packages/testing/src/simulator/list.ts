import type { Engine } from './engine';
import { invalidRequest, noSuchResource } from './errors';
import type { FormParams } from './form';
import { expandList, int, str } from './params';

/** The pagination params every list route implements. */
export const PAGE_PARAMS = ['limit', 'starting_after', 'ending_before'] as const;

/** Stripe's list envelope. */
export interface ListObject<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/**
 * Pages `items` (already newest first) with `limit` (1–100, default 10), `starting_after` and `ending_before`,
 * then applies `expand[]` entries of the form `data.x`.
 */
export function paginate<T extends { id: string }>(
  engine: Engine,
  items: T[],
  params: FormParams,
  url: string,
): ListObject<T> {
  const limit = int(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest('Invalid limit: must be between 1 and 100', 'limit');
  }
  const after = str(params, 'starting_after');
  const before = str(params, 'ending_before');
  let page: T[];
  let hasMore: boolean;
  if (before) {
    const index = items.findIndex((item) => item.id === before);
    if (index < 0) throw noSuchResource('object', before, 'ending_before');
    const start = Math.max(0, index - limit);
    page = items.slice(start, index);
    hasMore = start > 0;
  } else {
    let start = 0;
    if (after) {
      const index = items.findIndex((item) => item.id === after);
      if (index < 0) throw noSuchResource('object', after, 'starting_after');
      start = index + 1;
    }
    page = items.slice(start, start + limit);
    hasMore = start + limit < items.length;
  }
  const expand = expandList(params)
    .filter((path) => path.startsWith('data.'))
    .map((path) => path.slice('data.'.length));
  return {
    object: 'list',
    data: page.map((item) => expandObject(engine, item, expand)),
    has_more: hasMore,
    url,
  };
}

/**
 * Returns a copy of `object` with each dotted path expanded: a string id at that path is replaced by the stored
 * object (itself expanded further along the path). Unknown ids stay strings, like deleted objects do on Stripe.
 */
export function expandObject<T>(engine: Engine, object: T, paths: readonly string[]): T {
  const copy = structuredClone(object) as Record<string, unknown>;
  for (const path of paths) expandPath(engine, copy, path.split('.'));
  return copy as T;
}

function expandPath(engine: Engine, node: Record<string, unknown>, parts: string[]): void {
  const [head, ...rest] = parts;
  if (head === undefined) return;
  const value = node[head];
  if (typeof value === 'string') {
    const found = engine.objects.get(value);
    if (!found) return;
    const expanded = structuredClone(found) as Record<string, unknown>;
    node[head] = expanded;
    if (rest.length) expandPath(engine, expanded, rest);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.object === 'list' && Array.isArray(record.data) && rest[0] === 'data') {
      for (const item of record.data) expandPath(engine, item as Record<string, unknown>, rest.slice(1));
    } else if (rest.length) expandPath(engine, record, rest);
  }
}

/** Expands a single object using the request's `expand[]`. */
export function withExpand<T>(engine: Engine, object: T, params: FormParams): T {
  const paths = expandList(params);
  return paths.length ? expandObject(engine, object, paths) : structuredClone(object);
}
