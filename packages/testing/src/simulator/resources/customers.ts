import { ACCEPTS } from '../accepted-params';
import type { Engine } from '../engine';
import { invalidRequest, noSuchResource } from '../errors';
import type { FormParams } from '../form';
import { newId, randomToken } from '../ids';
import { paginate, withExpand } from '../list';
import { allowOnly, applyMetadata, obj, str } from '../params';
import type { Route } from '../route';
import type { SimCustomer, SimPaymentMethod } from '../types';

/** `invoice_settings` is the one nested object checked key by key: its misspellings are the easy ones to make. */
function checkInvoiceSettings(params: FormParams): FormParams | undefined {
  const settings = obj(params, 'invoice_settings');
  if (settings) allowOnly(settings, ACCEPTS.customerInvoiceSettings, 'invoice_settings');
  return settings;
}

export function createCustomer(engine: Engine, params: FormParams): SimCustomer {
  checkInvoiceSettings(params);
  // A customer on a test clock lives at the clock's frozen time (see clock-time.ts).
  const clock = str(params, 'test_clock');
  const frozen = clock
    ? engine.get<{ frozen_time: number }>('test_helpers.test_clock', clock, 'test clock', 'test_clock')
    : undefined;
  const customer = engine.put<SimCustomer>({
    id: newId('cus'),
    object: 'customer',
    address: null,
    balance: 0,
    created: frozen?.frozen_time ?? engine.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: str(params, 'description') ?? null,
    email: str(params, 'email') ?? null,
    invoice_prefix: randomToken(8).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: applyMetadata({}, params),
    name: str(params, 'name') ?? null,
    next_invoice_sequence: 1,
    phone: str(params, 'phone') ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: clock ?? null,
  });
  engine.emit('customer.created', customer);
  return customer;
}

/** Loads a live customer; a deleted one is `resource_missing` for writes, as on Stripe. */
export function liveCustomer(engine: Engine, id: unknown, param = 'customer'): SimCustomer {
  const customer = engine.get<SimCustomer>('customer', id, 'customer', param);
  if (customer.deleted) throw noSuchResource('customer', String(id), param);
  return customer;
}

function updateCustomer(engine: Engine, customer: SimCustomer, params: FormParams): SimCustomer {
  const previous: Record<string, unknown> = {};
  const set = <K extends keyof SimCustomer>(key: K, value: SimCustomer[K]) => {
    if (JSON.stringify(customer[key]) !== JSON.stringify(value))
      previous[key] = structuredClone(customer[key]);
    customer[key] = value;
  };
  for (const key of ['email', 'name', 'description', 'phone'] as const) {
    if (params[key] !== undefined) set(key, str(params, key) ?? null);
  }
  if (params.metadata !== undefined) set('metadata', applyMetadata(customer.metadata, params));
  const settings = checkInvoiceSettings(params);
  if (settings && settings.default_payment_method !== undefined) {
    const pmId = str(settings, 'default_payment_method');
    if (pmId) {
      const pm = engine.find<SimPaymentMethod>('payment_method', pmId);
      if (!pm || pm.customer !== customer.id) {
        throw invalidRequest(
          `No such PaymentMethod: '${pmId}'; It's possible this PaymentMethod exists on one of your connected accounts, in which case you should retry this request on that connected account. The payment method must be attached to the customer.`,
          'invoice_settings[default_payment_method]',
          'resource_missing',
        );
      }
    }
    set('invoice_settings', { ...customer.invoice_settings, default_payment_method: pmId ?? null });
  }
  if (Object.keys(previous).length) engine.emit('customer.updated', customer, previous);
  return customer;
}

export const customerRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/customers',
    accepts: ACCEPTS.customerCreate,
    handler: ({ engine, params }) => withExpand(engine, createCustomer(engine, params), params),
  },
  {
    method: 'GET',
    path: '/v1/customers/:id',
    accepts: ACCEPTS.customerRetrieve,
    handler: ({ engine, params, path }) => {
      const customer = engine.get<SimCustomer>('customer', path.id, 'customer');
      if (customer.deleted) return { id: customer.id, object: 'customer', deleted: true };
      return withExpand(engine, customer, params);
    },
  },
  {
    method: 'POST',
    path: '/v1/customers/:id',
    accepts: ACCEPTS.customerUpdate,
    handler: ({ engine, params, path }) =>
      withExpand(engine, updateCustomer(engine, liveCustomer(engine, path.id, 'id'), params), params),
  },
  {
    method: 'DELETE',
    path: '/v1/customers/:id',
    accepts: ACCEPTS.customerDelete,
    handler: ({ engine, path }) => {
      const customer = liveCustomer(engine, path.id, 'id');
      customer.deleted = true;
      engine.emit('customer.deleted', customer);
      return { id: customer.id, object: 'customer', deleted: true };
    },
  },
  {
    method: 'GET',
    path: '/v1/customers',
    accepts: ACCEPTS.customerList,
    handler: ({ engine, params }) => {
      const email = str(params, 'email');
      const clock = str(params, 'test_clock');
      const items = engine.all<SimCustomer>(
        'customer',
        (c) => !c.deleted && (!email || c.email === email) && (!clock || c.test_clock === clock),
      );
      return paginate(engine, items, params, '/v1/customers');
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/:id/payment_methods',
    accepts: ACCEPTS.customerListPaymentMethods,
    handler: ({ engine, params, path }) => {
      const customer = liveCustomer(engine, path.id, 'customer');
      const type = str(params, 'type');
      const items = engine.all<SimPaymentMethod>(
        'payment_method',
        (pm) => pm.customer === customer.id && (!type || pm.type === type),
      );
      return paginate(engine, items, params, `/v1/customers/${customer.id}/payment_methods`);
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/:id/payment_methods/:pm',
    accepts: ACCEPTS.customerRetrievePaymentMethod,
    handler: ({ engine, params, path }) => {
      const customer = liveCustomer(engine, path.id, 'customer');
      const pm = engine.get<SimPaymentMethod>('payment_method', path.pm, 'PaymentMethod', 'payment_method');
      if (pm.customer !== customer.id) {
        throw invalidRequest(`No such PaymentMethod: '${pm.id}'`, 'payment_method', 'resource_missing');
      }
      return withExpand(engine, pm, params);
    },
  },
];
