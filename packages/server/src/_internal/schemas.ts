import type * as CoreSchemas from '@tollbooth/core/schemas';

/** `@tollbooth/core/schemas`: every body schema, and zod behind them. */
export type Schemas = typeof CoreSchemas;

let loaded: Schemas | undefined;
let loading: Promise<Schemas> | undefined;

/**
 * Loads the schema module on first use, not at import: importing zod was most of the server's cold start (an
 * import of `@tollbooth/server` and `createTollbooth` before any request), and a webhook-only instance never
 * needs it. The pipeline awaits this before it validates a body; later calls cost an already-settled promise.
 */
export function loadSchemas(): Promise<Schemas> {
  loading ??= import('@tollbooth/core/schemas').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

/** The loaded schemas, for code that runs after the pipeline's `loadSchemas()` (body validation, path ids). */
export function schemas(): Schemas {
  if (loaded === undefined) throw new Error('tollbooth: a schema was used before loadSchemas() settled');
  return loaded;
}
