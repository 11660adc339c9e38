// Derives the simulator's request rules from Stripe's OpenAPI description, so the runtime can refuse bad values
// as Stripe does without shipping the 6 MB spec: for each operation, the shape of its params (types, enums,
// nested keys, required keys) and, for each object, which fields `expand[]` may name.
// Usage: node scripts/generate-spec-rules.mjs [--check] [path/to/spec3.json]
// (--check writes nothing and exits 1 when the committed table differs from what the spec gives)
// (default: the shared copy beside the repository, ../shared/stripe-openapi/spec3.json; or $STRIPE_OPENAPI_SPEC)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const check = args.includes('--check');
const specPath = resolve(
  args.find((arg) => arg !== '--check') ??
    process.env.STRIPE_OPENAPI_SPEC ??
    resolve(here, '../../../../shared/stripe-openapi/spec3.json'),
);
const out = resolve(here, '../src/simulator/spec/rules.generated.ts');
const spec = JSON.parse(readFileSync(specPath, 'utf8'));

/** The API areas the simulator serves (or may soon): only their operations are kept. */
const PREFIXES = [
  '/v1/billing_portal/sessions',
  '/v1/charges',
  '/v1/checkout/sessions',
  '/v1/coupons',
  '/v1/customers',
  '/v1/events',
  '/v1/invoice_payments',
  '/v1/invoices',
  '/v1/payment_intents',
  '/v1/payment_methods',
  '/v1/prices',
  '/v1/products',
  '/v1/promotion_codes',
  '/v1/refunds',
  '/v1/setup_intents',
  '/v1/subscription_items',
  '/v1/subscription_schedules',
  '/v1/subscriptions',
  '/v1/test_helpers/test_clocks',
];

// Rule nodes are hash-consed: identical sub-shapes (addresses, metadata, ranges) are stored once.
const nodes = [];
const index = new Map();
function intern(node) {
  const key = JSON.stringify(node);
  let id = index.get(key);
  if (id === undefined) {
    id = nodes.length;
    nodes.push(node);
    index.set(key, id);
  }
  return id;
}

const deref = (schema) =>
  schema?.$ref ? spec.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;

/** A JSON schema of a request param → a rule node id (see `Rule` in spec/rules.ts). */
function rule(raw) {
  const schema = deref(raw);
  if (!schema) return intern('x');
  if (schema.anyOf) return intern({ u: schema.anyOf.map(rule) });
  if (schema.enum) return intern({ e: schema.enum.map(String) });
  switch (schema.type) {
    case 'string':
      return intern(schema.format === 'decimal' ? 'd' : schema.format === 'binary' ? 'x' : 's');
    case 'integer':
      return intern('i');
    case 'number':
      return intern('n');
    case 'boolean':
      return intern('b');
    case 'array':
      return intern({ a: rule(schema.items) });
    case 'object': {
      if (!schema.properties) {
        return intern(schema.additionalProperties ? { m: rule(schema.additionalProperties) } : 'x');
      }
      const o = {};
      for (const [key, value] of Object.entries(schema.properties).sort(([a], [b]) => (a < b ? -1 : 1))) {
        o[key] = rule(value);
      }
      const node = { o };
      if (schema.required?.length) node.r = [...schema.required].sort();
      return intern(node);
    }
    default:
      return intern('x');
  }
}

const refName = (schema) => schema?.$ref?.replace('#/components/schemas/', '');

/** The component a 200 response is, or `list:<item component>` for a list envelope. */
function responseOf(operation) {
  const schema = operation.responses?.['200']?.content?.['application/json']?.schema;
  if (!schema) return null;
  if (schema.$ref) return refName(schema);
  const items = schema.properties?.data?.items;
  if (schema.properties?.object?.enum?.[0] === 'list' && items) return `list:${refName(items) ?? ''}`;
  if (schema.properties?.object?.enum?.[0] === 'search_result' && items)
    return `list:${refName(items) ?? ''}`;
  if (schema.anyOf) return refName(schema.anyOf[0]);
  return null;
}

const operations = {};
const reachable = new Set();
for (const [path, item] of Object.entries(spec.paths)) {
  if (!PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) continue;
  for (const method of ['get', 'post', 'delete']) {
    const operation = item[method];
    if (!operation) continue;
    const properties = {};
    const required = [];
    // The SDK sends DELETE params in the query; the spec describes some as a form body: take both.
    const body = operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema;
    Object.assign(properties, body?.properties ?? {});
    required.push(...(body?.required ?? []));
    for (const param of operation.parameters ?? []) {
      if (param.in !== 'query') continue;
      properties[param.name] = param.schema;
      if (param.required) required.push(param.name);
    }
    const params = rule({ type: 'object', properties, required });
    const response = responseOf(operation);
    const key = `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, ':')}`;
    operations[key] = { params, response };
    if (response) reachable.add(response.replace(/^list:/, ''));
  }
}

// Expandable fields per object: `f` = may be named last in an expand path (an id → object, or includable),
// `t` = the components the walk continues in.
const objects = {};
const queue = [...reachable];
while (queue.length) {
  const name = queue.pop();
  if (!name || objects[name]) continue;
  const schema = spec.components.schemas[name];
  if (!schema) continue;
  const fields = {};
  const required = new Set(schema.required ?? []);
  for (const field of schema['x-expandableFields'] ?? []) {
    const property = schema.properties?.[field];
    if (!property) continue;
    const resources = property['x-expansionResources']?.oneOf ?? [];
    let targets = resources.map(refName);
    if (!targets.length) {
      const candidates = property.anyOf ?? [property];
      targets = candidates.flatMap((candidate) => {
        if (candidate.$ref) return [refName(candidate)];
        const items = candidate.properties?.data?.items ?? candidate.items;
        return items?.$ref ? [`list:${refName(items)}`] : [];
      });
    }
    targets = targets.filter(Boolean);
    // An id that becomes an object, or a list Stripe includes only on request (`line_items`).
    const leaf = resources.length > 0 || (!required.has(field) && targets.some((t) => t.startsWith('list:')));
    fields[field] = { f: leaf ? 1 : 0, t: targets };
    for (const target of targets) queue.push(target.replace(/^list:/, ''));
  }
  objects[name] = fields;
}
// Objects with nothing to expand carry no information: a walk into one refuses any further segment anyway.
const useful = (name) => Object.keys(objects[name] ?? {}).length > 0;
for (const name of Object.keys(objects)) {
  if (!useful(name)) delete objects[name];
}
for (const fields of Object.values(objects)) {
  for (const [field, entry] of Object.entries(fields)) {
    entry.t = entry.t.filter((t) => useful(t.replace(/^list:/, '')) || t.startsWith('list:'));
    if (!entry.f && !entry.t.length) delete fields[field];
  }
}

const data = { version: spec.info.version, nodes, operations, objects };
// Written as Biome formats it (single quotes, the argument on its own line), so `pnpm lint` leaves it alone.
const banner = `// Generated by scripts/generate-spec-rules.mjs from Stripe's OpenAPI spec ${spec.info.version}. Do not edit.
// Regenerate with \`node packages/testing/scripts/generate-spec-rules.mjs\`.
import type { SpecRules } from './rules';

// One JSON string: V8 parses it faster than the same data as an object literal, and tsc need not type it.
export const SPEC_RULES: SpecRules = JSON.parse(
  '${JSON.stringify(data).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}',
);
`;
if (check) {
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (current !== banner) {
    console.error(`${out} is out of date: run node packages/testing/scripts/generate-spec-rules.mjs`);
    process.exit(1);
  }
  console.log(`${out} matches ${specPath}`);
  process.exit(0);
}
writeFileSync(out, banner);
console.log(
  `${out}: ${Object.keys(operations).length} operations, ${nodes.length} rule nodes, ${Object.keys(objects).length} objects, ${banner.length} bytes`,
);
