import type { Engine } from '../engine';
import { invalidRequest } from '../errors';
import { int, str } from '../params';
import type { Route } from '../route';
import type { SimCustomer } from '../types';

/**
 * `GET /v1/customers/search`, minimal: Stripe's query language for exact matches on `email`, `name`, `phone`
 * and `metadata['key']`, clauses joined by `AND` or by `OR` (not both, as on Stripe), and the eventual
 * consistency Stripe documents: a customer created or updated is seen by search only `searchDelayMs` later.
 * The wider simulator work (issue #13) may replace this file whole; nothing else depends on its insides.
 */

/** Stripe's search takes these parameters (Stripe.CustomerSearchParams). */
const ACCEPTS = ['query', 'limit', 'page'] as const;

/** How long a new or changed customer stays out of search results, per simulator, on its clock. */
const delays = new WeakMap<Engine, number>();

interface Indexed {
  email: string | null;
  name: string | null;
  phone: string | null;
  metadata: Record<string, string>;
}

interface SearchIndex {
  /** What search sees now. */
  visible: Indexed | null;
  /** What it will see from `pendingAt` on. */
  pending: Indexed | null;
  pendingAt: number;
}

/** Sets the indexing delay (milliseconds on the simulator's clock; 0 makes search immediately consistent). */
export function setSearchDelay(engine: Engine, ms: number): void {
  if (!(ms >= 0)) throw new RangeError('searchDelayMs must be >= 0');
  delays.set(engine, ms);
}

/** Queues the customer's current fields for the index; call after every create or update. */
export function indexCustomer(engine: Engine, customer: SimCustomer): void {
  indexed(engine, customer.id); // a change that is already due becomes visible before the next one queues
  const index = engine.secret<Partial<SearchIndex>>(customer.id);
  index.pending = {
    email: customer.email,
    name: customer.name ?? null,
    phone: customer.phone ?? null,
    metadata: { ...customer.metadata },
  };
  index.pendingAt = engine.options.now() + (delays.get(engine) ?? 1000);
}

function indexed(engine: Engine, id: string): Indexed | null {
  const index = engine.secret<Partial<SearchIndex>>(id);
  if (index.pending && engine.options.now() >= (index.pendingAt ?? 0)) {
    index.visible = index.pending;
    index.pending = null;
  }
  return index.visible ?? null;
}

type Clause = { field: 'email' | 'name' | 'phone' } | { field: 'metadata'; key: string };

const unparsable = (query: string) =>
  invalidRequest(`We were unable to parse your search query. Query: ${query}`, 'query');

/** One `field:'value'` clause; values are quoted with ' or ", `\` escapes. */
function parseClause(text: string, query: string): { clause: Clause; value: string } {
  const match = /^(email|name|phone|metadata\[(['"])((?:\\.|(?!\2).)*)\2\]):(['"])((?:\\.|(?!\4).)*)\4$/.exec(
    text,
  );
  if (!match) throw unparsable(query);
  const unquote = (s: string) => s.replace(/\\(.)/g, '$1');
  const clause: Clause =
    match[3] !== undefined
      ? { field: 'metadata', key: unquote(match[3]) }
      : { field: match[1] as 'email' | 'name' | 'phone' };
  return { clause, value: unquote(match[5] ?? '') };
}

/** Splits on AND / OR outside quotes. */
function split(query: string): { parts: string[]; joiners: Set<string> } {
  const parts: string[] = [];
  const joiners = new Set<string>();
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i] as string;
    if (quote) {
      current += ch;
      if (ch === '\\') current += query[++i] ?? '';
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    const joiner = / (AND|OR) /y;
    joiner.lastIndex = i;
    const found = joiner.exec(query);
    if (found) {
      parts.push(current.trim());
      joiners.add(found[1] as string);
      current = '';
      i += found[0].length - 1;
      continue;
    }
    current += ch;
  }
  parts.push(current.trim());
  return { parts, joiners };
}

function matcher(query: string): (fields: Indexed) => boolean {
  const { parts, joiners } = split(query);
  if (joiners.size > 1) throw invalidRequest('Search queries cannot mix AND and OR.', 'query');
  const clauses = parts.map((part) => parseClause(part, query));
  const test = ({ clause, value }: { clause: Clause; value: string }, fields: Indexed) =>
    clause.field === 'metadata'
      ? fields.metadata[clause.key] === value
      : clause.field === 'email'
        ? fields.email?.toLowerCase() === value.toLowerCase()
        : fields[clause.field] === value;
  return joiners.has('OR')
    ? (fields) => clauses.some((c) => test(c, fields))
    : (fields) => clauses.every((c) => test(c, fields));
}

export const customerSearchRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/customers/search',
    accepts: ACCEPTS,
    handler: ({ engine, params }) => {
      const query = str(params, 'query', true) as string;
      const limit = int(params, 'limit') ?? 10;
      if (limit < 1 || limit > 100) throw invalidRequest('Invalid limit: must be between 1 and 100', 'limit');
      const page = str(params, 'page');
      const matches = matcher(query);
      const all = engine.all<SimCustomer>('customer', (c) => {
        if (c.deleted) return false;
        const fields = indexed(engine, c.id);
        return fields !== null && matches(fields);
      });
      const start = page ? Number.parseInt(page.replace(/^page_/, ''), 10) || 0 : 0;
      const data = all.slice(start, start + limit);
      const more = start + limit < all.length;
      return {
        object: 'search_result',
        data,
        has_more: more,
        next_page: more ? `page_${start + limit}` : null,
        url: '/v1/customers/search',
      };
    },
  },
];
