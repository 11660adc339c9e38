import type Stripe from 'stripe';
import type { Engine } from './engine';
import { invalidRequest } from './errors';
import { expandObject } from './list';
import { expandList, int, str } from './params';
import type { Route } from './route';
import { matchesQuery, parseQuery } from './search';
import type { SimObjectType } from './types';

// Stripe's search endpoints (`/v1/<resource>/search`) share one query language and one eventually consistent
// index: a change reaches search some seconds after the event that records it, on the simulator's own clock (its
// `now` option, not any test clock). Until then search answers from the previous version.

/** One searchable resource: which objects, the fields Stripe lets you search them by, and when one leaves. */
export interface Searchable {
  object: SimObjectType;
  /** The route, `/v1/customers/search`. */
  url: string;
  fields: readonly string[];
  /** The event that removes an object from search (a deleted customer); others stay searchable. */
  removedBy?: Stripe.Event.Type;
}

/** One indexed version of an object: what search sees from `visibleAt` on (`null` once removed). */
interface IndexedVersion {
  visibleAt: number;
  doc: Record<string, unknown> | null;
}

type SearchIndex = Record<string, IndexedVersion[]>;

const indexKey = (searchable: Searchable) => `search_index:${searchable.object}`;

/** Indexes every event about a `searchable` object, visible to search `delaySeconds` later. */
export function registerSearchIndex(engine: Engine, searchable: Searchable, delaySeconds: number): void {
  engine.eventRecorded.push((event) => {
    const object = event.data.object as unknown as Record<string, unknown> & { id: string; object: string };
    if (object.object !== searchable.object) return;
    const index = engine.secret<SearchIndex>(indexKey(searchable));
    const versions = index[object.id] ?? [];
    index[object.id] = versions;
    versions.push({
      visibleAt: engine.clockNow() + delaySeconds,
      doc:
        event.type === searchable.removedBy
          ? null
          : Object.fromEntries(searchable.fields.map((field) => [field, structuredClone(object[field])])),
    });
  });
}

/** The version of each object search sees now, newest object first. */
function visible(
  engine: Engine,
  searchable: Searchable,
): Array<{ id: string; doc: Record<string, unknown> }> {
  const now = engine.clockNow();
  const index = engine.secret<SearchIndex>(indexKey(searchable));
  const out: Array<{ id: string; doc: Record<string, unknown> }> = [];
  for (const object of engine.all(searchable.object)) {
    const version = (index[object.id] ?? []).filter((v) => v.visibleAt <= now).at(-1);
    if (version?.doc) out.push({ id: object.id, doc: version.doc });
  }
  return out;
}

/** `page` tokens are opaque on Stripe; here they carry the offset of the next page. */
const pageToken = (offset: number) => `page_${btoa(String(offset)).replace(/=+$/, '')}`;

function pageOffset(token: string | undefined): number {
  if (!token) return 0;
  try {
    const offset = Number(atob(token.replace(/^page_/, '')));
    if (Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to Stripe's error
  }
  throw invalidRequest('Invalid page: the page token is not valid for this search.', 'page');
}

/** The `GET …/search` route of a searchable resource. */
export function searchRoute(searchable: Searchable): Route {
  return {
    method: 'GET',
    path: searchable.url,
    implements: ['limit', 'page', 'query'],
    handler: ({ engine, params }) => {
      const query = parseQuery(str(params, 'query', true)!, searchable.fields);
      const limit = int(params, 'limit') ?? 10;
      if (limit < 1 || limit > 100) throw invalidRequest('Invalid limit: must be between 1 and 100', 'limit');
      const offset = pageOffset(str(params, 'page'));
      const matches = visible(engine, searchable).filter((entry) => matchesQuery(entry.doc, query));
      const page = matches.slice(offset, offset + limit);
      const hasMore = offset + limit < matches.length;
      const expand = expandList(params)
        .filter((path) => path.startsWith('data.'))
        .map((path) => path.slice('data.'.length));
      return {
        object: 'search_result',
        data: page.map((entry) => expandObject(engine, engine.get(searchable.object, entry.id), expand)),
        has_more: hasMore,
        next_page: hasMore ? pageToken(offset + limit) : null,
        url: searchable.url,
      } satisfies Omit<Stripe.ApiSearchResult<unknown>, 'total_count'>;
    },
  };
}
