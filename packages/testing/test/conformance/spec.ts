import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Stripe's OpenAPI description is read at test time from the copy beside the repository (../shared, as CI lays
// it out) or from $STRIPE_OPENAPI_SPEC; it is 6 MB and never part of the package.
const here = dirname(fileURLToPath(import.meta.url));
const SPEC_PATH =
  process.env.STRIPE_OPENAPI_SPEC ?? resolve(here, '../../../../../shared/stripe-openapi/spec3.json');

export interface JsonSchema {
  [key: string]: unknown;
}

export interface OpenApiSpec {
  info: { version: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

let cached: OpenApiSpec | undefined;

export function loadSpec(): OpenApiSpec {
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(SPEC_PATH, 'utf8');
  } catch {
    throw new Error(
      `Stripe's OpenAPI spec was not found at ${SPEC_PATH}: put spec3.json there (../shared/stripe-openapi/ beside the repository) or set STRIPE_OPENAPI_SPEC.`,
    );
  }
  cached = JSON.parse(text) as OpenApiSpec;
  return cached;
}

/** The spec's path template (`/v1/payment_intents/{intent}/confirm`) a concrete path matches, literals first. */
export function templateFor(spec: OpenApiSpec, path: string): string | undefined {
  const segments = path.split('/');
  const candidates = Object.keys(spec.paths).filter((template) => {
    const parts = template.split('/');
    return (
      parts.length === segments.length &&
      parts.every((part, i) => part.startsWith('{') || part === segments[i])
    );
  });
  const params = (template: string) => (template.match(/\{/g) ?? []).length;
  return candidates.sort((a, b) => params(a) - params(b))[0];
}
