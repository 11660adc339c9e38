import { PAGE_PARAMS, paginate, withExpand } from '../list';
import { arr, str } from '../params';
import type { Route } from '../route';

export const eventRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/events/:id',
    implements: [],
    handler: ({ engine, params, path }) => withExpand(engine, engine.get('event', path.id), params),
  },
  {
    method: 'GET',
    path: '/v1/events',
    implements: ['type', 'types', ...PAGE_PARAMS],
    handler: ({ engine, params }) => {
      const type = str(params, 'type');
      const types = arr(params, 'types')?.filter((t): t is string => typeof t === 'string');
      // `type` accepts Stripe's wildcard form (`customer.subscription.*`).
      const matches = (eventType: string) =>
        (!type || (type.endsWith('.*') ? eventType.startsWith(type.slice(0, -1)) : eventType === type)) &&
        (!types || types.includes(eventType));
      const items = engine.all('event', (event) => matches(event.type));
      return paginate(engine, items, params, '/v1/events');
    },
  },
];
