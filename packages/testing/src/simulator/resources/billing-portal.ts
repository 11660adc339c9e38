import type { Engine } from '../engine';
import { invalidRequest } from '../errors';
import { newId } from '../ids';
import { withExpand } from '../list';
import { str } from '../params';
import type { Route } from '../route';
import type { SimPortalSession } from '../types';
import { liveCustomer } from './customers';

export function createPortalSession(engine: Engine, customer: string, returnUrl?: string): SimPortalSession {
  liveCustomer(engine, customer);
  if (returnUrl && !/^https?:\/\//.test(returnUrl))
    throw invalidRequest('Not a valid URL', 'return_url', 'url_invalid');
  const id = newId('bps');
  return engine.put<SimPortalSession>({
    id,
    object: 'billing_portal.session',
    configuration: 'bpc_simulator_default',
    created: engine.now(),
    customer,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: returnUrl ?? null,
    url: `${engine.baseUrl()}/_simulator/portal/${id}`,
  });
}

export const billingPortalRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/billing_portal/sessions',
    implements: ['customer', 'return_url'],
    handler: ({ engine, params }) =>
      withExpand(
        engine,
        createPortalSession(engine, str(params, 'customer', true)!, str(params, 'return_url')),
        params,
      ),
  },
];
