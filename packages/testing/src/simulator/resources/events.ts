import type Stripe from 'stripe';
import { ACCEPTS } from '../accepted-params';
import { paginate, withExpand } from '../list';
import { arr, str } from '../params';
import type { Route } from '../route';

export const eventRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/events/:id',
    accepts: ACCEPTS.eventRetrieve,
    handler: ({ engine, params, path }) =>
      withExpand(engine, engine.get<Stripe.Event>('event', path.id, 'event'), params),
  },
  {
    method: 'GET',
    path: '/v1/events',
    accepts: ACCEPTS.eventList,
    handler: ({ engine, params }) => {
      const type = str(params, 'type');
      const types = arr(params, 'types')?.filter((t): t is string => typeof t === 'string');
      // `type` accepts Stripe's wildcard form (`customer.subscription.*`).
      const matches = (eventType: string) =>
        (!type || (type.endsWith('.*') ? eventType.startsWith(type.slice(0, -1)) : eventType === type)) &&
        (!types || types.includes(eventType));
      const items = engine.all<Stripe.Event>('event', (event) => matches(event.type));
      return paginate(engine, items, params, '/v1/events');
    },
  },
];
