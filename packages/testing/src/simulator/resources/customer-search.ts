import type Stripe from 'stripe';
import { BILLING_ACCEPTS } from '../billing-params';
import type { Engine } from '../engine';
import { invalidRequest } from '../errors';
import { expandObject } from '../list';
import { expandList, int, str } from '../params';
import type { Route } from '../route';
import { matchesQuery, parseQuery } from '../search';
import type { SimCustomer } from '../types';

/** The fields Stripe lets you search customers by. */
const CUSTOMER_FIELDS = ['created', 'email', 'metadata', 'name', 'phone'] as const;

/** One indexed version of a customer: what search sees from `visibleAt` on (`null` once deleted). */
interface IndexedVersion {
  visibleAt: number;
  doc: Record<string, unknown> | null;
}

type SearchIndex = Record<string, IndexedVersion[]>;

const INDEX_KEY = 'search_index:customer';

/**
 * Keeps the customer search index Stripe documents as eventually consistent: a created, updated or deleted
 * customer reaches search `delaySeconds` later on the simulator's clock (its `now` option, not any test clock);
 * until then search answers from the previous version.
 */
export function registerCustomerSearch(engine: Engine, delaySeconds: number): void {
  engine.eventRecorded.push((event) => {
    if (!event.type.startsWith('customer.') || event.type.split('.').length !== 2) return;
    const customer = event.data.object as unknown as SimCustomer;
    const index = engine.secret<SearchIndex>(INDEX_KEY);
    const versions = index[customer.id] ?? [];
    index[customer.id] = versions;
    versions.push({
      visibleAt: engine.clockNow() + delaySeconds,
      doc: event.type === 'customer.deleted' ? null : structuredClone(customer),
    });
  });
}

/** The version of each customer search sees now, newest customer first. */
function visibleCustomers(engine: Engine): Array<{ id: string; doc: Record<string, unknown> }> {
  const now = engine.clockNow();
  const index = engine.secret<SearchIndex>(INDEX_KEY);
  const out: Array<{ id: string; doc: Record<string, unknown> }> = [];
  for (const customer of engine.all<SimCustomer>('customer')) {
    const visible = (index[customer.id] ?? []).filter((version) => version.visibleAt <= now).at(-1);
    if (visible?.doc) out.push({ id: customer.id, doc: visible.doc });
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

export const customerSearchRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/customers/search',
    accepts: BILLING_ACCEPTS.customerSearch,
    handler: ({ engine, params }) => {
      const query = parseQuery(str(params, 'query', true)!, CUSTOMER_FIELDS);
      const limit = int(params, 'limit') ?? 10;
      if (limit < 1 || limit > 100) throw invalidRequest('Invalid limit: must be between 1 and 100', 'limit');
      const offset = pageOffset(str(params, 'page'));
      const matches = visibleCustomers(engine).filter((entry) => matchesQuery(entry.doc, query));
      const page = matches.slice(offset, offset + limit);
      const hasMore = offset + limit < matches.length;
      const expand = expandList(params)
        .filter((path) => path.startsWith('data.'))
        .map((path) => path.slice('data.'.length));
      return {
        object: 'search_result',
        data: page.map((entry) =>
          expandObject(engine, engine.get<SimCustomer>('customer', entry.id, 'customer'), expand),
        ),
        has_more: hasMore,
        next_page: hasMore ? pageToken(offset + limit) : null,
        url: '/v1/customers/search',
      } satisfies Omit<Stripe.ApiSearchResult<unknown>, 'total_count'>;
    },
  },
];
