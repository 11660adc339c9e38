import { EXPANDABLE_CHANGES, type ExpandableChange, PARAM_CHANGES, type ParamChange } from './newer-api';
import type { Rule, SpecRules } from './rules';
import { SPEC_RULES } from './rules.generated';

/**
 * The rules the simulator enforces: the spec's, with the newer API's changes applied. Nodes are shared between
 * operations, so a change copies the nodes on its path instead of editing them in place.
 */
function amend(
  base: SpecRules,
  changes: readonly ParamChange[],
  expandable: readonly ExpandableChange[],
): SpecRules {
  const nodes: Rule[] = [...base.nodes];
  const operations = structuredClone(base.operations);
  const push = (rule: Rule) => nodes.push(rule) - 1;
  const any = push('x');

  /** Returns a new node id for `id` with `edit` applied at `path` (param names; arrays and unions are walked). */
  /** Whether node `id` is, or is an array of, what `target` accepts. */
  const reaches = (id: number, target: (rule: Rule | undefined) => boolean): boolean => {
    const rule = nodes[id];
    if (target(rule)) return true;
    return typeof rule === 'object' && 'a' in rule && reaches(rule.a, target);
  };

  const patch = (
    id: number,
    path: readonly string[],
    edit: (rule: Rule) => Rule,
    target: (rule: Rule | undefined) => boolean,
  ): number => {
    const rule = nodes[id]!;
    if (!path.length) {
      // The edit applies to the enum or params object here; through an array (`phases[n]`) or a union (an
      // emptyable `''` beside the object) it applies to the members of the kind it edits.
      if (typeof rule === 'object' && 'a' in rule) return push({ a: patch(rule.a, path, edit, target) });
      if (typeof rule === 'object' && 'u' in rule) {
        return push({
          u: rule.u.map((option) => (reaches(option, target) ? patch(option, path, edit, target) : option)),
        });
      }
      return push(edit(rule));
    }
    if (typeof rule !== 'object')
      throw new Error(`newer-api: cannot walk into a scalar at ${path.join('.')}`);
    if ('a' in rule) return push({ a: patch(rule.a, path, edit, target) });
    if ('u' in rule) {
      return push({
        u: rule.u.map((option) => (isObject(nodes[option]) ? patch(option, path, edit, target) : option)),
      });
    }
    if (!('o' in rule)) throw new Error(`newer-api: no object at ${path.join('.')}`);
    const [head, ...rest] = path as [string, ...string[]];
    const child = rule.o[head];
    if (child === undefined) throw new Error(`newer-api: the spec has no param ${head}`);
    return push({ ...rule, o: { ...rule.o, [head]: patch(child, rest, edit, target) } });
  };

  for (const change of changes) {
    if (change.kind === 'operation') {
      const o = Object.fromEntries([...change.names, 'expand'].map((name) => [name, any]));
      operations[change.operation] = { params: push({ o }), response: null };
      continue;
    }
    const op = operations[change.operation];
    if (!op) throw new Error(`newer-api: the spec has no operation ${change.operation}`);
    if (change.kind === 'values') {
      const path = change.param.split(/\[|\]\[?/).filter(Boolean);
      op.params = patch(
        op.params,
        path,
        (rule) => {
          if (typeof rule !== 'object' || !('e' in rule))
            throw new Error(`newer-api: ${change.param} is no enum`);
          // Kept in the spec's (code point) order, so the refusal lists values as Stripe's does.
          return { e: [...new Set([...rule.e, ...change.values])].sort() };
        },
        isEnum,
      );
      continue;
    }
    for (const name of change.names) {
      const path = name.split(/\[|\]\[?/).filter(Boolean);
      const key = path.pop()!;
      const added = change.kind === 'added' && change.shape ? shape(change.shape) : any;
      op.params = patch(
        op.params,
        path,
        (rule) => {
          if (typeof rule !== 'object' || !('o' in rule))
            throw new Error(`newer-api: no params object at ${name}`);
          const o = { ...rule.o };
          if (change.kind === 'added') o[key] = added;
          else delete o[key];
          // A removed param is no longer required either (the spec's required `coupon` gave way to `promotion`).
          const r = change.kind === 'removed' ? rule.r?.filter((name) => name !== key) : rule.r;
          return { o, ...(r ? { r } : {}) };
        },
        isParams,
      );
    }
  }
  const objects = structuredClone(base.objects);
  for (const change of expandable) {
    objects[change.component] = {
      ...objects[change.component],
      [change.field]: { f: 1, t: [...change.targets] },
    };
  }
  return { ...base, nodes, operations, objects };

  function shape(fields: Record<string, Rule>): number {
    return push({ o: Object.fromEntries(Object.entries(fields).map(([key, rule]) => [key, push(rule)])) });
  }
}

const isEnum = (rule: Rule | undefined) => typeof rule === 'object' && 'e' in rule;
const isParams = (rule: Rule | undefined) => typeof rule === 'object' && 'o' in rule;
const isObject = (rule: Rule | undefined) => typeof rule === 'object' && ('o' in rule || 'a' in rule);

export const RULES: SpecRules = amend(SPEC_RULES, PARAM_CHANGES, EXPANDABLE_CHANGES);
export { validateExpand } from './expand';
export { operationKey } from './rules';
export { validateParams } from './validate';
