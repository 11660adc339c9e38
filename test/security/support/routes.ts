/** Per-route tables shared by the suites: valid calls (so a refusal is the rule under test, not bad input). */
import { ACTIONS, type ActionName, ROUTES } from '@tollbooth/core';
import type { CallOptions } from './harness';

/** Ids of objects the calling user owns, for routes with a path id or a resource in the body. */
export interface OwnIds {
  session: string;
  pm: string;
  sub: string;
  pi: string;
}

export const ITEMS = [{ price: 'basic', quantity: 1 }];

/** A call to `action` that the server would accept from an authorized owner of `ids`. */
export function validCall(action: ActionName, ids: OwnIds): CallOptions {
  switch (action) {
    case 'checkout.create':
    case 'paymentIntent.create':
      return { body: { items: ITEMS } };
    case 'setupIntent.create':
    case 'portal.create':
      return { body: {} };
    case 'checkout.read':
      return { id: ids.session };
    case 'paymentMethods.detach':
    case 'paymentMethods.setDefault':
      return { id: ids.pm };
    case 'subscriptions.cancel':
    case 'subscriptions.resume':
      return { id: ids.sub };
    case 'subscriptions.previewChange':
    case 'subscriptions.change':
      // The subscription is already on `pro`: valid, and a change that has nothing to do.
      return { id: ids.sub, body: { price: 'pro' } };
    case 'refunds.create':
      return { body: { paymentIntent: ids.pi } };
    default:
      return {};
  }
}

export const ALL_ACTIONS: readonly ActionName[] = ACTIONS;
/** Actions whose route is not GET: the CSRF rule applies to these. */
export const WRITE_ACTIONS = ACTIONS.filter((a) => ROUTES[a].method !== 'GET');
export const READ_ACTIONS = ACTIONS.filter((a) => ROUTES[a].method === 'GET');
/** Actions with a `:id` in the path. */
export const ID_ACTIONS = ACTIONS.filter((a) => ROUTES[a].path.includes(':id'));
/** Actions with a JSON body schema. */
export const BODY_ACTIONS = [
  'checkout.create',
  'paymentIntent.create',
  'setupIntent.create',
  'portal.create',
  'refunds.create',
  'subscriptions.previewChange',
  'subscriptions.change',
] as const satisfies readonly ActionName[];
