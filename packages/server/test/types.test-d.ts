import { type ActionName, createClient } from '@tollbooth/core';
import type Stripe from 'stripe';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AuthorizeFn,
  type CustomerResource,
  createTollbooth,
  type PricedOrder,
  rbac,
  type TollboothUser,
} from '../src/index';

declare const stripe: Stripe;
const base = { stripe, getUser: () => null, authorize: () => false };

describe('authorize arguments', () => {
  it('narrows input and resource by context.action', () => {
    const authorize: AuthorizeFn = (user, action, context) => {
      expectTypeOf(user).toEqualTypeOf<TollboothUser | null>();
      expectTypeOf(action).toEqualTypeOf<ActionName>();
      expectTypeOf(context.request).toEqualTypeOf<Request>();
      if (context.action === 'refunds.create') {
        expectTypeOf(context.resource).toEqualTypeOf<Stripe.PaymentIntent>();
        expectTypeOf(context.input.amount).toEqualTypeOf<number | undefined>();
      }
      if (context.action === 'paymentMethods.detach') {
        expectTypeOf(context.resource).toEqualTypeOf<Stripe.PaymentMethod>();
        expectTypeOf(context.input).toEqualTypeOf<undefined>();
      }
      if (context.action === 'checkout.create') {
        expectTypeOf(context.resource).toEqualTypeOf<PricedOrder>();
        expectTypeOf(context.input.items[0]?.quantity).toEqualTypeOf<number | undefined>();
      }
      if (context.action === 'subscriptions.cancel')
        expectTypeOf(context.resource).toEqualTypeOf<Stripe.Subscription>();
      if (context.action === 'paymentMethods.list')
        expectTypeOf(context.resource).toEqualTypeOf<CustomerResource>();
      if (context.action === 'catalog.read') expectTypeOf(context.resource).toEqualTypeOf<null>();
      // @ts-expect-error: without narrowing, the resource could be any action's
      context.resource.amount;
      return false;
    };
    expectTypeOf(authorize).returns.toEqualTypeOf<boolean | Promise<boolean>>();
  });

  it('accepts simple policies that use fewer arguments', () => {
    const a: AuthorizeFn = (user) => user !== null;
    const b: AuthorizeFn = (user, action) =>
      action === 'catalog.read' || user?.roles?.includes('admin') === true;
    const c: AuthorizeFn = async () => true;
    expectTypeOf([a, b, c]).items.toEqualTypeOf<AuthorizeFn>();
    // @ts-expect-error: authorize must answer a boolean, not a truthy object
    const d: AuthorizeFn = () => ({ ok: true });
    void d;
  });

  it('types rbac conditions by action and rejects unknown patterns', () => {
    rbac({ support: { 'refunds.create': ({ resource }) => resource.amount <= 5000 } });
    rbac({ customer: ['checkout.*', 'paymentMethods.*', '*', 'invoices.list'] });
    // @ts-expect-error: not an action or a pattern
    rbac({ customer: ['checkout.delete'] });
    // @ts-expect-error: not a namespace
    rbac({ customer: ['payments.*'] });
  });
});

describe('catalog keys flow to the client', () => {
  it('with a record catalog, the client accepts only its keys', () => {
    const tollbooth = createTollbooth({ ...base, catalog: { prices: { basic: 'price_1', pro: 'price_2' } } });
    const client = createClient<typeof tollbooth>();
    client.createCheckout({ items: [{ price: 'pro', quantity: 1 }] });
    // @ts-expect-error: a typo fails at compile time
    client.createCheckout({ items: [{ price: 'prp', quantity: 1 }] });
    // @ts-expect-error: the Stripe id is not a key
    client.createPaymentIntent({ items: [{ price: 'price_2', quantity: 1 }] });
    expectTypeOf<Parameters<typeof client.createCheckout>[0]['items'][number]['price']>().toEqualTypeOf<
      'basic' | 'pro'
    >();
  });

  it('with a list catalog, the ids are the keys', () => {
    const tollbooth = createTollbooth({ ...base, catalog: { prices: ['price_a', 'price_b'] } });
    const client = createClient<typeof tollbooth>();
    client.createCheckout({ items: [{ price: 'price_a', quantity: 1 }] });
    // @ts-expect-error: not in the list
    client.createCheckout({ items: [{ price: 'price_c', quantity: 1 }] });
  });

  it('keeps $types type-only and handle framework-free', () => {
    const tollbooth = createTollbooth({ ...base, catalog: { prices: { basic: 'price_1' } } });
    expectTypeOf(tollbooth.handle).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(tollbooth.basePath).toEqualTypeOf<string>();
  });
});

describe('the documented config compiles as written', () => {
  it('takes process.env.STRIPE_WEBHOOK_SECRET (string | undefined) as the webhook secret', () => {
    const env: Record<string, string | undefined> = {};
    const tollbooth = createTollbooth({
      ...base,
      catalog: { prices: ['price_basic', 'price_pro'] },
      origins: ['https://shop.example.com'],
      webhooks: { secret: env.STRIPE_WEBHOOK_SECRET, on: { 'checkout.session.completed': async () => {} } },
      onAudit: () => {},
    });
    expectTypeOf(tollbooth.$types).toEqualTypeOf<
      { catalogKey: 'price_basic' | 'price_pro'; planKey: never } | undefined
    >();
  });
});

describe('plans are typed like catalog keys', () => {
  const withPlans = () =>
    createTollbooth({
      ...base,
      catalog: { prices: { basic: 'price_basic', pro_monthly: 'price_pro' } },
      plans: {
        free: { features: ['projects'], limits: { projects: 3 } },
        pro: { prices: ['pro_monthly'], features: ['projects', 'export'], trialDays: 14 },
      },
    });

  it('carries the plan keys to billing() and to the client', () => {
    const tollbooth = withPlans();
    expectTypeOf(tollbooth.billing)
      .returns.resolves.toHaveProperty('plan')
      .toEqualTypeOf<'free' | 'pro' | null>();
    const client = createClient<typeof tollbooth>();
    expectTypeOf(client.getBilling)
      .returns.resolves.toHaveProperty('plan')
      .toEqualTypeOf<'free' | 'pro' | null>();
  });

  it('refuses a plan price that is not a catalog key', () => {
    createTollbooth({
      ...base,
      catalog: { prices: { pro_monthly: 'price_pro' } },
      // @ts-expect-error 'pro_montly' is not a catalog key
      plans: { pro: { prices: ['pro_montly'] } },
    });
  });
});
