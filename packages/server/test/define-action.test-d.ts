import type { RefundCreateResponse } from '@tollbooth/core';
import { refundCreateSchema } from '@tollbooth/core/schemas';
import type Stripe from 'stripe';
import { describe, expectTypeOf, it } from 'vitest';
import { type ActionDefinition, defineAction } from '../src/_internal/action';
import { ACTION_DEFINITIONS } from '../src/actions';
import { cancelSubscription } from '../src/actions/cancel-subscription';
import type { CustomerResource } from '../src/index';

declare const intent: Stripe.PaymentIntent;
declare const refund: RefundCreateResponse;

describe('defineAction checks each action against core and server tables', () => {
  it('types input, resource and output from the action name', () => {
    defineAction('refunds.create', {
      input: refundCreateSchema,
      load: async (ctx, input) => {
        expectTypeOf(input.paymentIntent).toEqualTypeOf<string>();
        expectTypeOf(ctx.action).toEqualTypeOf<'refunds.create'>();
        expectTypeOf(ctx.origin).toEqualTypeOf<string>();
        return intent;
      },
      run: async (_ctx, _input, resource) => {
        expectTypeOf(resource).toEqualTypeOf<Stripe.PaymentIntent>();
        return refund;
      },
    });
    defineAction('invoices.list', {
      load: async (ctx, input) => {
        expectTypeOf(input).toEqualTypeOf<undefined>();
        // A GET passed no CSRF step, so there is no verified Origin to build on.
        expectTypeOf(ctx.origin).toEqualTypeOf<null>();
        return { customer: null };
      },
      run: async () => ({ data: [] }),
    });
  });

  it('refuses a wrong resource, a wrong output, a missing or a stray schema', () => {
    defineAction('refunds.create', {
      input: refundCreateSchema,
      // @ts-expect-error: authorize must see the PaymentIntent, not a customer
      load: async () => ({ customer: null }) satisfies CustomerResource,
      run: async () => refund,
    });
    defineAction('refunds.create', {
      input: refundCreateSchema,
      load: async () => intent,
      // @ts-expect-error: the output is the wire type of refunds.create, not of another action
      run: async () => ({ data: [] }),
    });
    // @ts-expect-error: refunds.create has a body, so its schema is required
    defineAction('refunds.create', { load: async () => intent, run: async () => refund });
    defineAction('subscriptions.cancel', {
      // @ts-expect-error: a bodiless route takes only `{}`; it cannot be given a schema
      input: refundCreateSchema,
      load: async () => ({}) as Stripe.Subscription,
      run: async () => ({}) as never,
    });
  });

  it('has no authorize step to write, skip or call: the pipeline owns it', () => {
    defineAction('invoices.list', {
      load: async () => ({ customer: null }),
      run: async () => ({ data: [] }),
      // @ts-expect-error: there is no such option; authorize cannot be turned off per action
      authorize: false,
    });
    defineAction('invoices.list', {
      load: async (ctx) => {
        // @ts-expect-error: actions cannot ask authorize themselves (or forget to)
        await ctx.authorize(undefined, null);
        return { customer: null };
      },
      run: async () => ({ data: [] }),
    });
  });

  it('registers each definition under its own name only', () => {
    expectTypeOf(ACTION_DEFINITIONS['subscriptions.cancel']).toEqualTypeOf<
      ActionDefinition<'subscriptions.cancel'>
    >();
    // @ts-expect-error: a definition registered under another action's name fails to compile
    const wrong: ActionDefinition<'subscriptions.resume'> = cancelSubscription;
    void wrong;
  });
});
