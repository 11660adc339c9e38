import { Ajv, type ValidateFunction } from 'ajv';
import { RESPONSE_CHANGES, type ResponseChange } from '../../src/simulator/spec/newer-api';
import { type JsonSchema, loadSpec, type OpenApiSpec, templateFor } from './spec';

/** One response that does not match Stripe's schema for it. */
export interface Violation {
  request: string;
  status: number;
  errors: string[];
}

const REF = '#/components/schemas/';

/** OpenAPI 3.0's `nullable: true` as JSON Schema: the schema, or null. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(REF, `stripe${REF}`);
    else if (key !== 'nullable' && !key.startsWith('x-') && key !== 'description')
      out[key] = toJsonSchema(value);
  }
  return (node as { nullable?: boolean }).nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

/** Walks `component.properties.a.b…` (through anyOf and array items) to the schema a change names. */
function schemaAt(schemas: Record<string, JsonSchema>, change: ResponseChange): JsonSchema {
  const unwrap = (n: JsonSchema): JsonSchema => {
    if (n.properties) return n;
    const options = (n.anyOf as JsonSchema[] | undefined) ?? [];
    const found = options.map(unwrap).find((o) => o.properties);
    if (found) return found;
    if (n.items) return unwrap(n.items as JsonSchema);
    const target = typeof n.$ref === 'string' ? schemas[n.$ref.replace(`stripe${REF}`, '')] : undefined;
    return target ? unwrap(target) : n;
  };
  let node = schemas[change.component];
  if (!node) throw new Error(`newer-api: the spec has no component ${change.component}`);
  for (const part of change.path) {
    const next: JsonSchema | undefined = (
      unwrap(node).properties as Record<string, JsonSchema> | undefined
    )?.[part];
    if (!next) throw new Error(`newer-api: ${change.component} has no ${change.path.join('.')}`);
    node = next;
  }
  return node;
}

/** The allow-list's response side applied to the schemas: the newer API's dropped fields and added values. */
function amend(schemas: Record<string, JsonSchema>): void {
  for (const change of RESPONSE_CHANGES) {
    const field = change.path.at(-1)!;
    if (change.kind === 'removed') {
      const parent = schemaAt(schemas, { ...change, path: change.path.slice(0, -1) });
      const holder = [parent, ...((parent.anyOf as JsonSchema[] | undefined) ?? [])].find((s) => s.required);
      if (!holder || !(holder.required as string[]).includes(field)) {
        throw new Error(
          `newer-api: ${change.component}.${change.path.join('.')} is not required in the spec`,
        );
      }
      holder.required = (holder.required as string[]).filter((name) => name !== field);
      continue;
    }
    const target = schemaAt(schemas, change);
    const withEnum = [target, ...((target.anyOf as JsonSchema[] | undefined) ?? [])].find((s) => s.enum);
    if (!withEnum) throw new Error(`newer-api: ${change.component}.${change.path.join('.')} has no enum`);
    withEnum.enum = [...new Set([...(withEnum.enum as string[]), ...change.values])];
  }
}

function responseSchema(spec: OpenApiSpec, template: string, method: string, status: number) {
  const responses = spec.paths[template]?.[method.toLowerCase()]?.responses ?? {};
  const response = status === 200 ? responses['200'] : responses.default;
  return response?.content?.['application/json']?.schema;
}

export class ConformanceValidator {
  private readonly ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    inlineRefs: false,
  });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly spec = loadSpec();

  constructor() {
    const schemas = toJsonSchema(this.spec.components.schemas) as Record<string, JsonSchema>;
    amend(schemas);
    this.ajv.addSchema({ $id: 'stripe', components: { schemas } });
  }

  /** Compiles the schemas most responses reach (a PaymentIntent pulls in most of the graph). */
  warm(): void {
    this.check('POST', '/v1/payment_intents', 200, {});
    this.check('POST', '/v1/payment_intents', 400, {});
  }

  /** Checks one response body against the spec's schema for its operation and status; returns the problems. */
  check(method: string, path: string, status: number, body: unknown): string[] | 'not in spec' {
    const template = templateFor(this.spec, path);
    const schema = template ? responseSchema(this.spec, template, method, status) : undefined;
    if (!template || !schema) return 'not in spec';
    const key = `${method} ${template} ${status === 200 ? 200 : 'default'}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.compiled.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`,
    );
  }
}
