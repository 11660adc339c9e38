import { invalidRequest } from '../errors';
import type { SpecRules } from './rules';

/** Stripe's limit on the depth of one expand path. */
const MAX_DEPTH = 4;

/**
 * Refuses an `expand[]` path Stripe would: a segment that is not an expandable field of the object it is on
 * (`This property cannot be expanded (x).`), more than four levels, or a list's field named without `data.`.
 * `response` is the operation's 200 component (`list:<item>` for lists).
 */
export function validateExpand(rules: SpecRules, response: string | null, paths: readonly string[]): void {
  if (!response) return;
  for (const path of paths) {
    const parts = path.split('.');
    if (parts.length > MAX_DEPTH) {
      throw invalidRequest('You cannot expand more than 4 levels of a property.', 'expand');
    }
    let targets = [response];
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      if (targets.some((t) => t.startsWith('list:'))) {
        if (part !== 'data') {
          const hint = i === 0 ? ` You may want to try expanding 'data.${part}' instead.` : '';
          throw invalidRequest(`This property cannot be expanded (${part}).${hint}`);
        }
        if (last) throw invalidRequest(`This property cannot be expanded (${part}).`);
        targets = targets.map((t) => t.replace(/^list:/, ''));
        continue;
      }
      const fields = targets.map((t) => rules.objects[t]?.[part]).filter((f) => f !== undefined);
      if (!fields.length || (last && !fields.some((f) => f.f))) {
        throw invalidRequest(`This property cannot be expanded (${part}).`);
      }
      targets = fields.flatMap((f) => f.t);
    }
  }
}
