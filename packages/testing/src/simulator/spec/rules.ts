/**
 * The shapes Stripe's API checks a request against, derived from its OpenAPI spec (rules.generated.ts) and
 * amended for the newer API version the SDK speaks (newer-api.ts).
 *
 * A rule is a string for a scalar (`s` string, `i` integer, `n` number, `d` decimal string, `b` boolean, `x` any)
 * or an object: `{ e }` one of these strings, `{ a }` an array of a rule, `{ u }` any of several rules, `{ m }` a
 * map of free keys (metadata), `{ o, r }` an object with these keys (`r` required). Rules refer to each other by
 * index into `nodes`, so a shape used in many places is stored once.
 */
export type Rule =
  | 's'
  | 'i'
  | 'n'
  | 'd'
  | 'b'
  | 'x'
  | { e: string[] }
  | { a: number }
  | { u: number[] }
  | { m: number }
  | { o: Record<string, number>; r?: string[] };

/** One operation, keyed `METHOD /v1/path/:/…` (path parameters as `:`). */
export interface OperationRule {
  /** The node of its params object (the form body for POST, the query for GET and DELETE). */
  params: number;
  /** The component its 200 response is (`list:<item>` for a list), or null when the spec does not say. */
  response: string | null;
}

/** An expandable field: `f` 1 when it may end an expand path, `t` the components a longer path walks into. */
export interface ExpandableField {
  f: 0 | 1;
  t: string[];
}

export interface SpecRules {
  /** The API version of the spec the rules were derived from. */
  version: string;
  nodes: Rule[];
  operations: Record<string, OperationRule>;
  /** Per component: its expandable fields. */
  objects: Record<string, Record<string, ExpandableField>>;
}

/** `/v1/payment_intents/:id/confirm` → `/v1/payment_intents/:/confirm`, the generated table's key form. */
export function operationKey(method: string, routePath: string): string {
  return `${method} ${routePath.replace(/:[A-Za-z_]+/g, ':')}`;
}
