import type { Runtime } from '../_internal/runtime';
import { schemas as coreSchemas } from '../_internal/schemas';

const schemas = new Map<number, ReturnType<ReturnType<typeof coreSchemas>['subscriptionChangeSchema']>>();

/** The change body with the server's seat limit (`maxQuantity`), built once per limit. */
export function planChangeSchema(rt: Runtime) {
  const schema = schemas.get(rt.maxQuantity) ?? coreSchemas().subscriptionChangeSchema(rt.maxQuantity);
  schemas.set(rt.maxQuantity, schema);
  return schema;
}
