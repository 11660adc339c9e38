import { invalidRequest } from './errors';

// Stripe's search query language (docs.stripe.com/search#search-query-language), enough of it for customers:
// `field:value` (exact, case-insensitive), `field~value` (substring, 3+ characters), `field>n` `<` `>=` `<=`
// (numbers), `-` negation, `metadata['key']:value`, `null` for a missing value, and clauses joined by all `AND`
// or all `OR` (Stripe refuses a mix).

type Operator = ':' | '~' | '>' | '<' | '>=' | '<=';

interface Clause {
  field: string;
  /** Set for `metadata['key']`. */
  key?: string;
  operator: Operator;
  value: string | null;
  negated: boolean;
}

export interface SearchQuery {
  clauses: Clause[];
  join: 'AND' | 'OR';
}

const CLAUSE =
  /^\s*(-?)([a-z_]+)(?:\[\s*(['"])(.*?)\3\s*\])?\s*(>=|<=|:|~|>|<)\s*(?:(['"])((?:\\.|(?!\6).)*)\6|([^\s'"]+))/;

function badQuery(message: string): never {
  throw invalidRequest(message, 'query');
}

/** Parses a search query for an object whose searchable `fields` are listed; throws Stripe's 400 otherwise. */
export function parseQuery(query: string, fields: readonly string[]): SearchQuery {
  const clauses: Clause[] = [];
  const joins = new Set<'AND' | 'OR'>();
  let rest = query.trim();
  if (!rest) badQuery('Missing required param: query.');
  while (rest) {
    const match = CLAUSE.exec(rest);
    if (!match) badQuery(`We were unable to parse your search query: '${query}'.`);
    const [whole, minus, field, , key, operator, , quoted, bare] = match;
    if (!fields.includes(field!)) {
      badQuery(`Field '${field}' is an unsupported search field. Supported fields: ${fields.join(', ')}.`);
    }
    if ((field === 'metadata') !== (key !== undefined)) {
      badQuery(`Field '${field}' must be written as metadata['key'].`);
    }
    const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare === 'null' ? null : bare!;
    if (operator === '~' && (value === null || value.length < 3)) {
      badQuery('A substring (~) search needs a value of at least 3 characters.');
    }
    clauses.push({ field: field!, key, operator: operator as Operator, value, negated: minus === '-' });
    rest = rest.slice(whole.length).trim();
    if (!rest) break;
    const join = /^(AND|OR)\s+/.exec(rest);
    if (!join) badQuery(`We were unable to parse your search query: '${query}'.`);
    joins.add(join[1] as 'AND' | 'OR');
    rest = rest.slice(join[0].length);
  }
  if (joins.size > 1) badQuery('A search query cannot combine AND and OR; use one of them.');
  if (clauses.length > 10) badQuery('A search query can have at most 10 clauses.');
  return { clauses, join: joins.has('OR') ? 'OR' : 'AND' };
}

function matchesClause(doc: Record<string, unknown>, clause: Clause): boolean {
  const raw =
    clause.key !== undefined
      ? (doc.metadata as Record<string, string> | undefined)?.[clause.key]
      : doc[clause.field];
  const actual = raw === undefined || raw === null || raw === '' ? null : String(raw);
  let result: boolean;
  if (clause.value === null) result = actual === null;
  else if (actual === null) result = false;
  else if (clause.operator === ':') result = actual.toLowerCase() === clause.value.toLowerCase();
  else if (clause.operator === '~') result = actual.toLowerCase().includes(clause.value.toLowerCase());
  else {
    const a = Number(actual);
    const b = Number(clause.value);
    result =
      clause.operator === '>'
        ? a > b
        : clause.operator === '<'
          ? a < b
          : clause.operator === '>='
            ? a >= b
            : a <= b;
  }
  return clause.negated ? !result : result;
}

export function matchesQuery(doc: Record<string, unknown>, query: SearchQuery): boolean {
  return query.join === 'AND'
    ? query.clauses.every((clause) => matchesClause(doc, clause))
    : query.clauses.some((clause) => matchesClause(doc, clause));
}
