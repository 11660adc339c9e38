import { type ActionName, type HttpMethod, ROUTES, WEBHOOK_PATH } from '@tollbooth/core';

export type RouteMatch =
  | { kind: 'action'; action: ActionName; id: string | undefined }
  | { kind: 'webhook' }
  | { kind: 'not_found' }
  | { kind: 'method_not_allowed'; allow: string[] };

interface CompiledRoute {
  action: ActionName | 'webhook';
  method: HttpMethod;
  segments: string[];
}

/** The one route table: every action's route from core's ROUTES, plus the webhook route. */
const TABLE: CompiledRoute[] = [
  ...(Object.entries(ROUTES) as Array<[ActionName, { method: HttpMethod; path: string }]>).map(
    ([action, route]) => ({ action, method: route.method, segments: route.path.split('/').slice(1) }),
  ),
  { action: 'webhook', method: 'POST', segments: WEBHOOK_PATH.split('/').slice(1) },
];

/**
 * Matches a pathname below `basePath`. Segments are compared raw; only the `:id` segment is percent-decoded,
 * and bad encoding there is a 404 (no route can name it), never a 500.
 */
export function matchRoute(
  basePath: string,
  pathname: string,
  method: string,
  isServed: (action: ActionName | 'webhook') => boolean = () => true,
): RouteMatch {
  if (!pathname.startsWith(`${basePath}/`)) return { kind: 'not_found' };
  const parts = pathname.slice(basePath.length + 1).split('/');
  const allow: string[] = [];
  for (const route of TABLE) {
    // A disabled action (or the webhook route without webhooks) does not exist for any method: 404, not 405.
    if (route.segments.length !== parts.length || !isServed(route.action)) continue;
    let id: string | undefined;
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      const want = route.segments[i] as string;
      const got = parts[i] as string;
      if (want === ':id') {
        try {
          id = decodeURIComponent(got);
        } catch {
          ok = false;
        }
        if (!got) ok = false;
      } else if (want !== got) ok = false;
      if (!ok) break;
    }
    if (!ok) continue;
    if (route.method !== method) {
      allow.push(route.method);
      continue;
    }
    return route.action === 'webhook' ? { kind: 'webhook' } : { kind: 'action', action: route.action, id };
  }
  return allow.length > 0 ? { kind: 'method_not_allowed', allow } : { kind: 'not_found' };
}
