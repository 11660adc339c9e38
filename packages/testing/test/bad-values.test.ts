import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from './helpers';

/** Params the SDK's types would refuse: these tests send what a JavaScript caller or a typo could. */
const loose = <T>(params: Record<string, unknown>) => params as unknown as T;

const session = (extra: Record<string, unknown>) =>
  loose<Stripe.Checkout.SessionCreateParams>({
    mode: 'payment',
    line_items: [{ price: 'price_basic', quantity: 1 }],
    success_url: 'https://shop.test/ok',
    ...extra,
  });

function expectInvalid(
  error: Stripe.errors.StripeError,
  param: string,
  message: string | RegExp,
  code?: string,
) {
  expect(error.type).toBe('StripeInvalidRequestError');
  expect(error.statusCode).toBe(400);
  expect(error.param).toBe(param);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.code).toBe(code);
}

describe('bad values are refused as Stripe refuses them', () => {
  const ctx = useSimulator();

  it('refuses an enum value outside the spec and creates nothing', async () => {
    const error = await rejection(ctx.stripe.checkout.sessions.create(session({ locale: 'zz_probe' })));
    expectInvalid(error, 'locale', /^Invalid locale: must be one of auto, bg, cs, .*, zh-HK, or zh-TW$/);
    expect((await ctx.stripe.checkout.sessions.list()).data).toHaveLength(0);
    const ok = await ctx.stripe.checkout.sessions.create(session({ locale: 'fr' }));
    expect(ok.locale).toBe('fr');
  });

  it('refuses non-booleans and non-integers', async () => {
    expectInvalid(
      await rejection(
        ctx.stripe.paymentIntents.create(
          loose<Stripe.PaymentIntentCreateParams>({ amount: 1500, currency: 'usd', confirm: 'yes' }),
        ),
      ),
      'confirm',
      'Invalid boolean: yes',
    );
    expectInvalid(
      await rejection(
        ctx.stripe.paymentIntents.create(
          loose<Stripe.PaymentIntentCreateParams>({ amount: '15.5', currency: 'usd' }),
        ),
      ),
      'amount',
      'Invalid integer: 15.5',
      'parameter_invalid_integer',
    );
    expectInvalid(
      await rejection(
        ctx.stripe.checkout.sessions.create(
          session({ line_items: [{ price: 'price_basic', quantity: 'two' }] }),
        ),
      ),
      'line_items[0][quantity]',
      'Invalid integer: two',
      'parameter_invalid_integer',
    );
  });

  it('refuses unknown nested keys, naming them with brackets', async () => {
    const error = await rejection(
      ctx.stripe.checkout.sessions.create(session({ line_items: [{ price: 'price_basic', quantiti: 1 }] })),
    );
    expectInvalid(
      error,
      'line_items[0][quantiti]',
      'Received unknown parameter: line_items[0][quantiti]',
      'parameter_unknown',
    );
    const deep = await rejection(
      ctx.stripe.paymentIntents.create(
        loose<Stripe.PaymentIntentCreateParams>({
          amount: 1500,
          currency: 'usd',
          automatic_payment_methods: { enabled: true, alow_redirects: 'never' },
        }),
      ),
    );
    expectInvalid(
      deep,
      'automatic_payment_methods[alow_redirects]',
      'Received unknown parameter: automatic_payment_methods[alow_redirects]',
      'parameter_unknown',
    );
  });

  it('refuses a missing required nested param', async () => {
    const error = await rejection(
      ctx.stripe.paymentIntents.create(
        loose<Stripe.PaymentIntentCreateParams>({
          amount: 1500,
          currency: 'usd',
          automatic_payment_methods: { allow_redirects: 'never' },
        }),
      ),
    );
    expectInvalid(
      error,
      'automatic_payment_methods[enabled]',
      'Missing required param: automatic_payment_methods[enabled].',
      'parameter_missing',
    );
  });

  it('refuses expanding a field that is not expandable, and a list field without data.', async () => {
    const pi = await ctx.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
    const error = await rejection(ctx.stripe.paymentIntents.retrieve(pi.id, { expand: ['metadata'] }));
    expect(error).toMatchObject({ statusCode: 400, message: 'This property cannot be expanded (metadata).' });
    const list = await rejection(ctx.stripe.paymentIntents.list({ expand: ['customer'] }));
    expect(list.message).toBe(
      "This property cannot be expanded (customer). You may want to try expanding 'data.customer' instead.",
    );
    const deep = await rejection(
      ctx.stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge.balance_transaction.source.x.y'] }),
    );
    expect(deep.message).toBe('You cannot expand more than 4 levels of a property.');
    const fine = await ctx.stripe.paymentIntents.list({ expand: ['data.customer', 'data.latest_charge'] });
    expect(fine.object).toBe('list');
  });

  it('refuses an unknown currency', async () => {
    const error = await rejection(ctx.stripe.paymentIntents.create({ amount: 1500, currency: 'zzz' }));
    expectInvalid(
      error,
      'currency',
      /^Invalid currency: zzz\. Stripe currently supports these currencies: usd, /,
    );
    const eur = await ctx.stripe.paymentIntents.create({ amount: 1500, currency: 'EUR' });
    expect(eur.currency).toBe('eur');
  });

  it('accepts the newer API version where the SDK has values the 2024 spec lacks', async () => {
    const embedded = await ctx.stripe.checkout.sessions.create({
      mode: 'payment',
      ui_mode: 'embedded_page',
      line_items: [{ price: 'price_basic', quantity: 1 }],
      return_url: 'https://shop.test/return',
      customer_account: undefined,
    });
    expect(embedded.ui_mode).toBe('embedded_page');
    // payment_method_types was replaced in the newer API: refused as unknown, like Stripe at that version.
    const removed = await rejection(
      ctx.stripe.paymentIntents.create(
        loose<Stripe.PaymentIntentCreateParams>({
          amount: 1500,
          currency: 'usd',
          payment_method_types: ['card'],
        }),
      ),
    );
    expect(removed).toMatchObject({ code: 'parameter_unknown', param: 'payment_method_types' });
  });
});

describe('accepted but unimplemented params', () => {
  const ctx = useSimulator();
  const strict = useSimulator({ strict: true });

  it('records them on the request and still answers', async () => {
    await ctx.stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      statement_descriptor_suffix: 'ORDER',
    });
    const request = ctx.sim.requests.at(-1)!;
    expect(request.unimplemented).toEqual(['statement_descriptor_suffix']);
    await ctx.stripe.paymentIntents.create({ amount: 1500, currency: 'usd', metadata: { a: '1' } });
    expect(ctx.sim.requests.at(-1)!.unimplemented).toBeUndefined();
  });

  it('refuses them with strict: true, naming them, and changes nothing', async () => {
    const error = await rejection(
      strict.stripe.paymentIntents.create({
        amount: 1500,
        currency: 'usd',
        statement_descriptor_suffix: 'ORDER',
      }),
    );
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'parameter_unimplemented',
      param: 'statement_descriptor_suffix',
    });
    expect(error.message).toContain('statement_descriptor_suffix');
    expect((await strict.stripe.paymentIntents.list()).data).toHaveLength(0);
    const ok = await strict.stripe.paymentIntents.create({ amount: 1500, currency: 'usd', description: 'x' });
    expect(ok.description).toBe('x');
  });
});
