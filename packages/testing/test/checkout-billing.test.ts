import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from './helpers';

describe('checkout sessions, subscriptions, invoices and the billing portal', () => {
  const ctx = useSimulator();

  it('creates a hosted payment session and completes it', async () => {
    const session = await ctx.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [{ price: 'price_basic', quantity: 2 }],
        customer_creation: 'always',
        ui_mode: 'hosted_page',
        success_url: 'https://shop.example.com/done?session={CHECKOUT_SESSION_ID}',
        cancel_url: 'https://shop.example.com/cart',
        client_reference_id: 'u_1',
        metadata: { tollbooth_user_id: 'u_1' },
      },
      { idempotencyKey: 'cs-1' },
    );
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 3000,
      currency: 'usd',
      ui_mode: 'hosted_page',
      client_secret: null,
      metadata: { tollbooth_user_id: 'u_1' },
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${ctx.url}/_simulator/checkout/${session.id}`);
    const paid = ctx.sim.completeCheckoutSession(session.id, { card: '4242424242424242' });
    expect(paid.status).toBe('complete');
    const fetched = await ctx.stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent', 'line_items'],
    });
    expect(fetched).toMatchObject({ status: 'complete', payment_status: 'paid' });
    expect((fetched.payment_intent as Stripe.PaymentIntent).status).toBe('succeeded');
    expect((fetched.payment_intent as Stripe.PaymentIntent).amount).toBe(3000);
    expect(fetched.customer).toMatch(/^cus_/);
    expect(fetched.line_items?.data[0]).toMatchObject({
      quantity: 2,
      amount_total: 3000,
      description: 'Basic',
    });
    const again = await rejection(Promise.resolve().then(() => ctx.sim.completeCheckoutSession(session.id)));
    expect(again).toBeInstanceOf(Error);
  });

  it('creates an embedded session with a client secret and return_url', async () => {
    const session = await ctx.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: 'price_basic', quantity: 1 }],
      ui_mode: 'embedded_page',
      return_url: 'https://shop.example.com/return?session_id={CHECKOUT_SESSION_ID}',
    });
    expect(session.url).toBeNull();
    expect(session.client_secret).toMatch(/_secret_/);
    const summary = await fetch(
      `${ctx.url}/_simulator/checkout/${session.id}/session?client_secret=${session.client_secret}`,
    );
    expect(await summary.json()).toMatchObject({
      amount_total: 1500,
      currency: 'usd',
      mode: 'payment',
      status: 'open',
    });
    const noSecret = await fetch(`${ctx.url}/_simulator/checkout/${session.id}/session`);
    expect(noSecret.status).toBe(404);
    // The hosted page does not serve embedded sessions, which are reached only with their client secret.
    expect((await fetch(`${ctx.url}/_simulator/checkout/${session.id}`)).status).toBe(404);
    const declined = await fetch(`${ctx.url}/_simulator/checkout/${session.id}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_secret: session.client_secret,
        card: { number: '4000000000000002', exp_month: 12, exp_year: 2040, cvc: '123' },
      }),
    });
    expect(declined.status).toBe(402);
    expect(((await declined.json()) as { error: { decline_code: string } }).error.decline_code).toBe(
      'generic_decline',
    );
    const paid = await fetch(`${ctx.url}/_simulator/checkout/${session.id}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_secret: session.client_secret,
        card: { number: '4242424242424242', exp_month: 12, exp_year: 2040, cvc: '123', postal_code: '12345' },
      }),
    });
    expect(await paid.json()).toEqual({
      id: session.id,
      status: 'complete',
      payment_status: 'paid',
      redirect_url: `https://shop.example.com/return?session_id=${session.id}`,
    });
  });

  it('validates prices and modes like Stripe', async () => {
    const base = { ui_mode: 'hosted_page' as const, success_url: 'https://s.example/ok' };
    const recurringInPayment = await rejection(
      ctx.stripe.checkout.sessions.create({
        ...base,
        mode: 'payment',
        line_items: [{ price: 'price_pro', quantity: 1 }],
      }),
    );
    expect(recurringInPayment).toMatchObject({ statusCode: 400, param: 'line_items[0][price]' });
    const inactive = await rejection(
      ctx.stripe.checkout.sessions.create({
        ...base,
        mode: 'payment',
        line_items: [{ price: 'price_old', quantity: 1 }],
      }),
    );
    expect(inactive).toMatchObject({ statusCode: 400, param: 'line_items[0][price]' });
    const oneTimeOnly = await rejection(
      ctx.stripe.checkout.sessions.create({
        ...base,
        mode: 'subscription',
        line_items: [{ price: 'price_basic', quantity: 1 }],
      }),
    );
    expect(oneTimeOnly).toMatchObject({ statusCode: 400 });
    const mixed = await rejection(
      ctx.stripe.checkout.sessions.create({
        ...base,
        mode: 'payment',
        line_items: [
          { price: 'price_basic', quantity: 1 },
          { price: 'price_eur', quantity: 1 },
        ],
      }),
    );
    expect(mixed).toMatchObject({ statusCode: 400 });
    const missing = await rejection(
      ctx.stripe.checkout.sessions.create({
        ...base,
        mode: 'payment',
        line_items: [{ price: 'price_zzz', quantity: 1 }],
      }),
    );
    expect(missing).toMatchObject({
      statusCode: 400,
      code: 'resource_missing',
      param: 'line_items[0][price]',
    });
  });

  it('completes a subscription session into a customer, an active subscription and a paid invoice', async () => {
    const session = await ctx.stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: 'price_pro', quantity: 1 }],
      ui_mode: 'hosted_page',
      success_url: 'https://s.example/ok',
      customer_email: 'sub@x.y',
    });
    ctx.sim.completeCheckoutSession(session.id);
    const done = await ctx.stripe.checkout.sessions.retrieve(session.id);
    expect(done.subscription).toMatch(/^sub_/);
    const customer = done.customer as string;
    const subs = await ctx.stripe.subscriptions.list({ customer, status: 'all', limit: 100 });
    expect(subs.data).toHaveLength(1);
    const sub = subs.data[0]!;
    expect(sub).toMatchObject({ status: 'active', cancel_at_period_end: false, customer });
    const item = sub.items.data[0]!;
    expect(item.price.id).toBe('price_pro');
    expect(item.current_period_end).toBeGreaterThan(item.current_period_start + 27 * 86400);
    const invoices = await ctx.stripe.invoices.list({ customer, limit: 100 });
    expect(invoices.data).toHaveLength(1);
    expect(invoices.data[0]).toMatchObject({ status: 'paid', amount_paid: 4900, currency: 'usd' });
    expect(invoices.data[0]?.number).toMatch(/-0001$/);
    expect(invoices.data[0]?.hosted_invoice_url).toContain('/_simulator/invoices/');

    const canceling = await ctx.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    expect(canceling).toMatchObject({
      status: 'active',
      cancel_at_period_end: true,
      cancel_at: item.current_period_end,
    });
    const resumed = await ctx.stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
    expect(resumed).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    const canceled = await ctx.stripe.subscriptions.cancel(sub.id);
    expect(canceled.status).toBe('canceled');
    expect((await ctx.stripe.subscriptions.list({ customer })).data).toHaveLength(0);
    expect((await ctx.stripe.subscriptions.list({ customer, status: 'all' })).data).toHaveLength(1);
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');
  });

  it('keeps a subscription session open when the card is declined or fails 3-D Secure', async () => {
    const session = await ctx.stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: 'price_pro', quantity: 1 }],
      ui_mode: 'hosted_page',
      success_url: 'https://s.example/ok',
    });
    const declined = await rejection(
      Promise.resolve().then(() => ctx.sim.completeCheckoutSession(session.id, { card: '4000000000000002' })),
    );
    expect(declined).toMatchObject({ status: 402, body: { decline_code: 'generic_decline' } });
    const failed = await rejection(
      Promise.resolve().then(() =>
        ctx.sim.completeCheckoutSession(session.id, { card: '4000002760003184', threeDSecure: 'fail' }),
      ),
    );
    expect(failed).toMatchObject({ status: 400 });
    expect((await ctx.stripe.subscriptions.list({ status: 'all' })).data).toHaveLength(0);
    ctx.sim.completeCheckoutSession(session.id, { card: '4000002760003184' });
    const subs = await ctx.stripe.subscriptions.list({ status: 'all' });
    expect(subs.data.map((sub) => sub.status)).toEqual(['active']);
  });

  it('creates subscriptions directly with the default payment method, expanding latest_invoice', async () => {
    const customer = await ctx.stripe.customers.create({ email: 'd@e.f' });
    const noPm = await rejection(
      ctx.stripe.subscriptions.create({ customer: customer.id, items: [{ price: 'price_pro' }] }),
    );
    expect(noPm).toMatchObject({ statusCode: 400 });
    const pm = await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await ctx.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    const sub = await ctx.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_pro' }],
      expand: ['latest_invoice'],
    });
    expect(sub.status).toBe('active');
    expect((sub.latest_invoice as Stripe.Invoice).status).toBe('paid');
    const invoice = await ctx.stripe.invoices.retrieve((sub.latest_invoice as Stripe.Invoice).id, {
      expand: ['payments'],
    });
    const payment = invoice.payments?.data[0]?.payment;
    expect(payment?.type).toBe('payment_intent');
    const pi = await ctx.stripe.paymentIntents.retrieve(payment?.payment_intent as string);
    expect(pi).toMatchObject({ status: 'succeeded', amount: 4900, customer: customer.id });
  });

  it('leaves a subscription incomplete when the first payment is declined', async () => {
    const customer = await ctx.stripe.customers.create({});
    const sub = await ctx.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_pro' }],
      default_payment_method: (
        await ctx.stripe.paymentMethods.attach('pm_card_authenticationRequired', { customer: customer.id })
      ).id,
    });
    expect(sub.status).toBe('incomplete');
    const invoice = await ctx.stripe.invoices.retrieve(sub.latest_invoice as string, {
      expand: ['payments'],
    });
    expect(invoice.status).toBe('open');
    ctx.sim.authenticate(invoice.payments?.data[0]?.payment.payment_intent as string, 'succeed');
    expect((await ctx.stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
    expect((await ctx.stripe.invoices.retrieve(invoice.id)).status).toBe('paid');
  });

  it('renews a subscription, goes past_due on a failed renewal and ends one set to cancel', async () => {
    const customer = await ctx.stripe.customers.create({});
    const pm = await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await ctx.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    const sub = await ctx.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_pro' }],
    });
    const firstEnd = sub.items.data[0]!.current_period_end;
    const renewed = ctx.sim.renewSubscription(sub.id);
    expect(renewed.status).toBe('active');
    expect(renewed.items.data[0]!.current_period_start).toBe(firstEnd);
    const invoices = await ctx.stripe.invoices.list({ customer: customer.id });
    expect(invoices.data.map((inv) => [inv.billing_reason, inv.status])).toEqual([
      ['subscription_cycle', 'paid'],
      ['subscription_create', 'paid'],
    ]);
    const declining = await ctx.stripe.paymentMethods.attach('pm_card_authenticationRequired', {
      customer: customer.id,
    });
    await ctx.stripe.subscriptions.update(sub.id, { default_payment_method: declining.id });
    expect(ctx.sim.renewSubscription(sub.id).status).toBe('past_due');
    expect(ctx.sim.events.map((e) => e.type)).toContain('invoice.payment_failed');
    await ctx.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    expect(ctx.sim.renewSubscription(sub.id).status).toBe('canceled');
  });

  it('creates a billing portal session whose page links back', async () => {
    const customer = await ctx.stripe.customers.create({});
    const portal = await ctx.stripe.billingPortal.sessions.create(
      { customer: customer.id, return_url: 'https://shop.example.com/account' },
      { idempotencyKey: 'portal-1' },
    );
    expect(portal).toMatchObject({ object: 'billing_portal.session', customer: customer.id });
    expect(portal.url).toBe(`${ctx.url}/_simulator/portal/${portal.id}`);
    const page = await fetch(portal.url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('href="https://shop.example.com/account"');
    const unknown = await rejection(ctx.stripe.billingPortal.sessions.create({ customer: 'cus_nope' }));
    expect(unknown).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'customer' });
  });

  it('completes a setup session by attaching the card', async () => {
    const customer = await ctx.stripe.customers.create({});
    const session = await ctx.stripe.checkout.sessions.create({
      mode: 'setup',
      customer: customer.id,
      ui_mode: 'hosted_page',
      success_url: 'https://s.example/ok',
      currency: 'usd',
    });
    ctx.sim.completeCheckoutSession(session.id, { card: '4000002500003155' });
    const done = await ctx.stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
    expect((done.setup_intent as Stripe.SetupIntent).status).toBe('succeeded');
    expect((await ctx.stripe.customers.listPaymentMethods(customer.id)).data).toHaveLength(1);
  });
});
