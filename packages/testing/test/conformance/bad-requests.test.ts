import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStripeSimulator } from '../../src/index';
import { routes } from '../../src/simulator/create-simulator';
import { encodeForm } from '../../src/simulator/form';
import { PARAM_CHANGES } from '../../src/simulator/spec/newer-api';
import { type JsonSchema, loadSpec, type OpenApiSpec } from './spec';
import { ConformanceValidator } from './validator';

// Bad requests derived from spec3.json itself (not from the simulator's generated rules): for every operation
// the simulator routes, each param of a checkable type gets a value of the wrong type or outside its enum, each
// object param an unknown nested key, and the request must fail as Stripe fails it, before anything happens.

interface BadCase {
  operation: string;
  method: string;
  path: string;
  params: Record<string, unknown>;
  param: string;
  message: string | RegExp;
  code?: string;
}

const spec = loadSpec();
const REF = '#/components/schemas/';
const deref = (s: JsonSchema | undefined): JsonSchema | undefined =>
  typeof s?.$ref === 'string' ? spec.components.schemas[s.$ref.replace(REF, '')] : s;

/** An "unsettable" param is `anyOf: [X, enum [""]]`: X is what it checks. */
function settable(raw: JsonSchema | undefined): JsonSchema | undefined {
  const schema = deref(raw);
  const options = schema?.anyOf as JsonSchema[] | undefined;
  if (!options) return schema;
  const real = options.filter((o) => !(Array.isArray(o.enum) && o.enum.length === 1 && o.enum[0] === ''));
  return real.length === 1 ? deref(real[0]) : undefined;
}

/** The spec's params of an operation: its form body (POST, DELETE) and query (GET, DELETE). */
function paramsOf(template: string, method: string): Record<string, JsonSchema> {
  const operation = spec.paths[template]?.[method.toLowerCase()];
  const body = operation?.requestBody?.content?.['application/x-www-form-urlencoded']?.schema;
  const out: Record<string, JsonSchema> = { ...((body?.properties as Record<string, JsonSchema>) ?? {}) };
  for (const param of operation?.parameters ?? []) if (param.in === 'query') out[param.name] = param.schema;
  return out;
}

/** Params whose spec shape no longer holds: removed, or given a new shape (`billing_cycle_anchor[type]`). */
const removedIn = (operation: string) =>
  new Set(
    PARAM_CHANGES.flatMap((c) =>
      c.operation === operation && (c.kind === 'removed' || c.kind === 'added') ? c.names : [],
    ),
  );

/** Wrong values for one param (and one level of its object keys), with Stripe's answer to each. */
function casesFor(
  name: string,
  raw: JsonSchema | undefined,
  depth: number,
): Array<Omit<BadCase, 'operation' | 'method' | 'path'>> {
  const schema = settable(raw);
  if (!schema) return [];
  const nest = (param: string, value: unknown) => ({ [name]: value, param });
  if (Array.isArray(schema.enum)) {
    const field = name.match(/([^[\]]+)\]?$/)?.[1] ?? name;
    return [
      {
        params: { [name]: 'zz_not_a_value' },
        param: name,
        message: new RegExp(`^Invalid ${field}: must be one of `),
      },
    ];
  }
  switch (schema.type) {
    case 'integer':
      return [
        {
          params: { [name]: 'twelve' },
          param: name,
          message: 'Invalid integer: twelve',
          code: 'parameter_invalid_integer',
        },
      ];
    case 'boolean':
      return [{ params: { [name]: 'maybe' }, param: name, message: 'Invalid boolean: maybe' }];
    case 'object': {
      const properties = schema.properties as Record<string, JsonSchema> | undefined;
      if (!properties) return [];
      const unknown = `${name}[zz_unknown]`;
      const cases: Array<Omit<BadCase, 'operation' | 'method' | 'path'>> = [
        {
          ...nest(unknown, { zz_unknown: '1' }),
          params: { [name]: { zz_unknown: '1' } },
          message: `Received unknown parameter: ${unknown}`,
          code: 'parameter_unknown',
        },
      ];
      if (depth > 0) {
        for (const [key, child] of Object.entries(properties)) {
          for (const inner of casesFor(`${name}[${key}]`, child, depth - 1)) {
            cases.push({ ...inner, params: { [name]: { [key]: inner.params[`${name}[${key}]`] } } });
          }
        }
      }
      return cases.map(({ params, param, message, code }) => ({
        params,
        param,
        message,
        ...(code ? { code } : {}),
      }));
    }
    case 'array': {
      const item = settable(schema.items as JsonSchema);
      if (item?.type !== 'object' || !item.properties) return [];
      const unknown = `${name}[0][zz_unknown]`;
      return [
        {
          params: { [name]: [{ zz_unknown: '1' }] },
          param: unknown,
          message: `Received unknown parameter: ${unknown}`,
          code: 'parameter_unknown',
        },
      ];
    }
    default:
      return [];
  }
}

function templateOf(specDoc: OpenApiSpec, routePath: string): string | undefined {
  const pattern = routePath.split('/');
  return Object.keys(specDoc.paths).find((template) => {
    const parts = template.split('/');
    return (
      parts.length === pattern.length &&
      parts.every((p, i) => (p.startsWith('{') ? pattern[i]!.startsWith(':') : p === pattern[i]))
    );
  });
}

const cases: BadCase[] = [];
for (const route of routes) {
  const template = templateOf(spec, route.path);
  if (!template) continue;
  const operation = `${route.method} ${route.path.replace(/:[A-Za-z_]+/g, ':')}`;
  const path = route.path.replace(/:[A-Za-z_]+/g, 'x_conformance_1');
  const removed = removedIn(operation);
  const base = { operation, method: route.method, path };
  cases.push({
    ...base,
    params: { zz_unknown: '1' },
    param: 'zz_unknown',
    message: 'Received unknown parameter: zz_unknown',
    code: 'parameter_unknown',
  });
  for (const [name, schema] of Object.entries(paramsOf(template, route.method))) {
    if (name === 'expand' || removed.has(name)) continue;
    for (const bad of casesFor(name, schema, 1)) cases.push({ ...base, ...bad });
  }
}

describe('spec-derived bad requests get Stripe’s errors', () => {
  const sim = createStripeSimulator({ prices: [] });
  let validator: ConformanceValidator;
  beforeAll(() => {
    validator = new ConformanceValidator();
    validator.warm();
  }, 60_000);

  it('covers every route the spec describes, with many cases', () => {
    expect(new Set(cases.map((c) => c.operation)).size).toBeGreaterThan(40);
    expect(cases.length).toBeGreaterThan(300);
  });

  it.each(cases.map((c) => [`${c.operation} ${c.param}`, c] as const))('%s', async (_, bad) => {
    const query = bad.method === 'POST' ? '' : `?${encodeForm(bad.params)}`;
    const response = await sim.fetch(
      new Request(`https://api.stripe.com${bad.path}${query}`, {
        method: bad.method,
        headers: {
          authorization: 'Bearer sk_test_conformance',
          'content-type': 'application/x-www-form-urlencoded',
        },
        ...(bad.method === 'POST' ? { body: encodeForm(bad.params) } : {}),
      }),
    );
    const body = (await response.json()) as {
      error: { type: string; param?: string; message: string; code?: string };
    };
    expect(response.status).toBe(400);
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.param).toBe(bad.param);
    if (typeof bad.message === 'string') expect(body.error.message).toBe(bad.message);
    else expect(body.error.message).toMatch(bad.message);
    expect(body.error.code).toBe(bad.code);
    expect(validator.check(bad.method, bad.path, 400, body)).toEqual([]);
    // Refused before anything happened: no object, no event.
    expect(sim.events).toHaveLength(0);
  });
});

describe('the generated rules', () => {
  it('are what the generator derives from spec3.json today (regenerate, never edit by hand)', () => {
    const script = fileURLToPath(new URL('../../scripts/generate-spec-rules.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);
});
