import { type ActionName, type FieldsAction, type IdAction, ROUTES } from '@tollbooth/core';
import { call } from './helpers';
import type { simSetup } from './sim';

type Sim = ReturnType<typeof simSetup>;

/** The request a client would send for `action`, by `user`, on objects that user owns. */
export type ValidRequest = (action: ActionName) => Request;

/**
 * Arranges, for `user`, one object of each kind a path id can name, and returns a builder of valid requests.
 * Keyed by `IdAction` and `FieldsAction`, so an action added to core's spec without a case here fails to compile.
 */
export async function arrangeValidRequests(t: Sim, user: string): Promise<ValidRequest> {
  const customer = await t.customerFor(user);
  const session = await t.admin.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price: 'price_basic', quantity: 1 }],
    success_url: 'https://shop.test/thanks',
    customer,
    metadata: { tollbooth_user_id: user },
  });
  const ids: Record<IdAction, string> = {
    'checkout.read': session.id,
    'paymentMethods.detach': await t.cardFor(customer),
    'paymentMethods.setDefault': await t.cardFor(customer),
    'subscriptions.cancel': await t.subscriptionFor(customer),
    'subscriptions.resume': await t.subscriptionFor(customer),
    'subscriptions.previewChange': await t.subscriptionFor(customer),
    'subscriptions.change': await t.subscriptionFor(customer),
  };
  const items = [{ price: 'basic', quantity: 1 }];
  const bodies: Record<FieldsAction, unknown> = {
    'checkout.create': { items },
    'paymentIntent.create': { items },
    'portal.create': {},
    'refunds.create': { paymentIntent: await t.paidIntent(1500, customer) },
    'subscriptions.previewChange': { price: 'pro' },
    'subscriptions.change': { price: 'pro' },
  };
  return (action) => {
    const route = ROUTES[action];
    const id = (ids as Partial<Record<ActionName, string>>)[action];
    const path = id === undefined ? route.path : route.path.replace(':id', id);
    const body = (bodies as Partial<Record<ActionName, unknown>>)[action];
    return call(path, {
      method: route.method,
      body: route.method === 'GET' ? undefined : (body ?? {}),
      user,
    });
  };
}
