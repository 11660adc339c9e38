import { subscriptionChangeSchema } from '@tollbooth/core/schemas';
import type { Runtime } from '../_internal/runtime';

const schemas = new Map<number, ReturnType<typeof subscriptionChangeSchema>>();

/** The change body with the server's seat limit (`maxQuantity`), built once per limit. */
export function planChangeSchema(rt: Runtime) {
  const schema = schemas.get(rt.maxQuantity) ?? subscriptionChangeSchema(rt.maxQuantity);
  schemas.set(rt.maxQuantity, schema);
  return schema;
}
