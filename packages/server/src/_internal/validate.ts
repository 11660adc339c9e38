import type { IdAction } from '@tollbooth/core';
import { invalidRequest, unauthenticated } from './errors';
import type { ActionContext } from './runtime';
import { schemas } from './schemas';

/** The part of a zod schema used here (zod comes through @tollbooth/core; no direct dependency). */
export interface Schema<T> {
  safeParse(value: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: Array<{ path: PropertyKey[]; message: string }> };
      };
}

/** Validates `value` with a zod schema; the first issue becomes a 400 naming the field, never echoing values. */
export function parse<T>(schema: Schema<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // zod reports at least one issue on failure; its message names an unknown key (`Unrecognized key: "amount"`).
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
  // Bounded: field names come from the client.
  const text = `Invalid ${where}: ${issue.message}`.slice(0, 200);
  throw invalidRequest(`${text}.`);
}

const checkoutSchemas = new Map<number, ReturnType<typeof buildCheckout>>();
const paymentIntentSchemas = new Map<number, ReturnType<typeof buildPaymentIntent>>();
const buildCheckout = (max: number) =>
  schemas().checkoutCreateSchema.extend({ items: schemas().lineItemsSchema(max) });
const buildPaymentIntent = (max: number) =>
  schemas().paymentIntentCreateSchema.extend({ items: schemas().lineItemsSchema(max) });

/** Body schemas with the server's quantity limit (the core schemas cap at the default 99), built once per limit. */
export function checkoutSchema(maxQuantity: number) {
  const schema = checkoutSchemas.get(maxQuantity) ?? buildCheckout(maxQuantity);
  checkoutSchemas.set(maxQuantity, schema);
  return schema;
}

export function paymentIntentSchema(maxQuantity: number) {
  const schema = paymentIntentSchemas.get(maxQuantity) ?? buildPaymentIntent(maxQuantity);
  paymentIntentSchemas.set(maxQuantity, schema);
  return schema;
}

/** The path id, checked for the Stripe id shape the action expects. */
export function pathId(ctx: ActionContext<IdAction>): string {
  // An id without the shape of the Stripe id it names (another object's id, a client secret `cs_…_secret_…`) is
  // refused before any Stripe call: it must not reach Stripe's logs or ours. The message never echoes it.
  const result = schemas().ACTION_ID_SCHEMAS[ctx.action].safeParse(ctx.id);
  if (!result.success) throw invalidRequest('The id in the path is not a valid id.');
  return result.data;
}

/** Self-service actions act on the caller's own customer: without a user there is none, so 401. */
export function requireUser(ctx: ActionContext) {
  if (ctx.user === null) throw unauthenticated();
  return ctx.user;
}
