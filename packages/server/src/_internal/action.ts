import type { ActionName, ActionTypes } from '@tollbooth/core';
import type { ActionResources } from '../types';
import type { ActionContext, Runtime } from './runtime';
import { schemas } from './schemas';
import { parse, type Schema } from './validate';

/** The validated body an action works on: `undefined` for routes whose body must be `{}`. */
export type InputOf<A extends ActionName> = ActionTypes[A]['input'];
/** What the action answers with, as the client's types say. */
export type OutputOf<A extends ActionName> = ActionTypes[A]['output'];

/** A body schema, or one built from the runtime (for limits the server config sets, like `maxQuantity`). */
export type InputSchema<A extends ActionName> = Schema<InputOf<A>> | ((rt: Runtime) => Schema<InputOf<A>>);

/** What an action file writes. The pipeline runs validate → load → authorize → run; none of it is optional. */
export interface ActionSteps<A extends ActionName> {
  /**
   * Loads what the action will act on and refuses what it must before anyone is asked: 401 for a missing
   * user, 404 for a missing or foreign object, 400 for a bad order. The result is the `resource` `authorize`
   * sees and `run` acts on; nothing else reaches `run`.
   */
  load(ctx: ActionContext<A>, input: InputOf<A>): Promise<ActionResources[A]>;
  /**
   * The id the audit entry records once the resource is loaded; `undefined` keeps the path id.
   * @default the path id (or none)
   */
  auditId?(resource: ActionResources[A]): string | null | undefined;
  /**
   * What this request changes, when requests for the same thing must not overlap (refunds of one PaymentIntent):
   * a lock on that name is held in the store from `load` to the end of `run`, so a parallel request for it, on
   * any instance sharing the store, answers 409 `conflict` at once and a policy's cap cannot be raced past.
   * @default none: requests run side by side
   */
  serialise?(ctx: ActionContext<A>, input: InputOf<A>): string;
  /** Acts on the authorized resource (the Stripe call) and answers with the wire type. Runs only after `allow`. */
  run(ctx: ActionContext<A>, input: InputOf<A>, resource: ActionResources[A]): Promise<OutputOf<A>>;
}

/**
 * `input` is required exactly when the action's wire input is a body (a route whose input type is `undefined`
 * takes only `{}`, and gets `undefined`), so forgetting a schema, or giving a bodiless route one, fails to compile.
 */
export type ActionParts<A extends ActionName> = ActionSteps<A> &
  (undefined extends InputOf<A> ? { input?: never } : { input: InputSchema<A> });

/** One action, as the pipeline runs it. */
export interface ActionDefinition<A extends ActionName> extends ActionSteps<A> {
  readonly action: A;
  /** Validates the parsed JSON body: the action's schema, or the empty body (any field is a 400). */
  readInput(rt: Runtime, body: Record<string, unknown>): InputOf<A>;
}

/**
 * Defines one action, typed from core's tables: its input from `ActionTypes[A]['input']`, the resource from
 * `ActionResources[A]`, the output from `ActionTypes[A]['output']`. There is no authorize step to write or
 * forget: the pipeline asks `authorize` between `load` and `run`, with what `load` returned. `A` comes from
 * the name alone (`NoInfer`), so a loader shared by several actions cannot widen it.
 */
export function defineAction<A extends ActionName>(
  action: A,
  parts: NoInfer<ActionParts<A>>,
): ActionDefinition<A> {
  const schema: InputSchema<A> | undefined = parts.input;
  return {
    action,
    load: parts.load,
    auditId: parts.auditId,
    serialise: parts.serialise,
    run: parts.run,
    readInput(rt, body) {
      if (schema === undefined) {
        parse(schemas().emptyBodySchema, body);
        // The type says so: without a schema, the action's input type includes `undefined`.
        return undefined as InputOf<A>;
      }
      return parse(typeof schema === 'function' ? schema(rt) : schema, body);
    },
  };
}
