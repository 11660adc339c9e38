import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from './helpers';

describe('fault injection', () => {
  const ctx = useSimulator();

  it('answers injected 429 and 500 as the SDK expects, then recovers', async () => {
    ctx.sim.faults.inject({ path: '/v1/customers', method: 'POST', times: 1, status: 429 });
    const limited = await rejection(ctx.stripe.customers.create({}));
    expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    ctx.sim.faults.inject({ path: '/v1/customers', times: 1, status: 500 });
    const broken = await rejection(ctx.stripe.customers.create({}));
    expect(broken).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(broken.statusCode).toBe(500);
    expect((await ctx.stripe.customers.create({})).id).toMatch(/^cus_/);
    // The faults happened before any work: only the last request created a customer, but all three were received.
    expect((await ctx.stripe.customers.list()).data).toHaveLength(1);
    expect(ctx.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/customers')).toHaveLength(3);
  });

  it('answers 409 to a duplicate idempotent request while the first is still in progress', async () => {
    ctx.sim.faults.inject({ path: '/v1/customers', method: 'POST', times: 1, delayMs: 1500 });
    const first = ctx.stripe.customers.create({ email: 'slow@x.y' }, { idempotencyKey: 'slow' });
    // Wait until the first request is logged, i.e. it is inside its injected delay.
    await expect.poll(() => ctx.sim.requests.length).toBe(1);
    const second = await rejection(
      ctx.stripe.customers.create({ email: 'slow@x.y' }, { idempotencyKey: 'slow' }),
    );
    expect(second.statusCode).toBe(409);
    expect(second.code).toBe('idempotency_key_in_use');
    const created = await first;
    const replay = await ctx.stripe.customers.create({ email: 'slow@x.y' }, { idempotencyKey: 'slow' });
    expect(replay.id).toBe(created.id);
  });

  it('drops connections, which the SDK reports as StripeConnectionError', async () => {
    // stripe-node retries a reset connection once even with maxNetworkRetries: 0, so two drops are needed.
    ctx.sim.faults.inject({ path: '/v1/prices/*', times: 2, drop: true });
    const error = await rejection(ctx.stripe.prices.retrieve('price_basic'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(ctx.sim.faults.pending).toHaveLength(0);
    expect((await ctx.stripe.prices.retrieve('price_basic')).id).toBe('price_basic');
  });

  it('delays a matching request and still answers it', async () => {
    ctx.sim.faults.inject({ path: /^\/v1\/prices\//, times: 1, delayMs: 50 });
    const price = await ctx.stripe.prices.retrieve('price_basic');
    expect(price.id).toBe('price_basic');
    expect(ctx.sim.faults.pending).toHaveLength(0);
  });

  it('throws a TypeError from sim.fetch for a dropped request', async () => {
    ctx.sim.faults.inject({ path: '/v1/prices/price_basic', times: 1, drop: true });
    await expect(
      ctx.sim.fetch(
        new Request('https://api.stripe.com/v1/prices/price_basic', {
          headers: { authorization: 'Bearer sk_test_x' },
        }),
      ),
    ).rejects.toBeInstanceOf(TypeError);
  });
});

describe('hosted checkout page', () => {
  const ctx = useSimulator();

  const session = () =>
    ctx.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: 'price_basic', quantity: 1 }],
      ui_mode: 'hosted_page',
      success_url: 'https://shop.example.com/thanks?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://shop.example.com/cart',
    });

  it('renders a labelled card form and redirects to success_url after paying', async () => {
    const s = await session();
    const page = await fetch(s.url!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<label for="number">Card number</label>');
    expect(html).toContain('$15.00');
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    expect(action).toBe(`/_simulator/checkout/${s.id}/pay`);
    const pay = await fetch(new URL(action!, s.url!), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        number: '4242 4242 4242 4242',
        exp: '12/34',
        cvc: '123',
        postal_code: '12345',
        email: 'ada@example.com',
      }),
    });
    expect(pay.status).toBe(303);
    expect(pay.headers.get('location')).toBe(`https://shop.example.com/thanks?session_id=${s.id}`);
    const done = await ctx.stripe.checkout.sessions.retrieve(s.id);
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid' });
  });

  it('follows the redirect to the shop, which finds the session complete', async () => {
    const { createServer } = await import('node:http');
    const shop = createServer((req, res) => {
      const id = new URL(req.url ?? '/', 'http://shop').searchParams.get('session_id');
      void ctx.stripe.checkout.sessions.retrieve(id ?? '').then((s) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`order ${s.id} ${s.status} ${s.payment_status}`);
      });
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    const address = shop.address();
    const shopUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const s = await ctx.stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price: 'price_basic', quantity: 1 }],
        ui_mode: 'hosted_page',
        success_url: `${shopUrl}/thanks?session_id={CHECKOUT_SESSION_ID}`,
      });
      const page = await (await fetch(s.url!)).text();
      const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1] ?? '';
      const landed = await fetch(new URL(action, s.url!), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          number: '4242424242424242',
          exp: '12/34',
          cvc: '123',
          email: 'ada@example.com',
        }),
      });
      expect(landed.url).toBe(`${shopUrl}/thanks?session_id=${s.id}`);
      expect(await landed.text()).toBe(`order ${s.id} complete paid`);
    } finally {
      shop.close();
    }
  });

  it('shows the decline message on the page and keeps the session open', async () => {
    const s = await session();
    const pay = await fetch(`${ctx.url}/_simulator/checkout/${s.id}/pay`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ number: '4000000000009995', exp: '12/34', cvc: '123', email: 'a@b.co' }),
    });
    expect(pay.status).toBe(402);
    expect(await pay.text()).toContain('<p role="alert">Your card has insufficient funds.</p>');
    expect((await ctx.stripe.checkout.sessions.retrieve(s.id)).status).toBe('open');
  });

  it('challenges a 3-D Secure card on the page and honours the answer', async () => {
    const s = await session();
    const post = (fields: Record<string, string>) =>
      fetch(`${ctx.url}/_simulator/checkout/${s.id}/pay`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      });
    const card = { number: '4000002760003184', exp: '12/34', cvc: '123', email: 'ada@example.com' };
    const challenge = await post(card);
    expect(challenge.status).toBe(200);
    const page = await challenge.text();
    expect(page).toContain('value="fail">Fail authentication</button>');
    expect(page).toContain('name="number" value="4000002760003184"');
    const failed = await post({ ...card, three_d_secure: 'fail' });
    expect(failed.status).toBe(400);
    expect(await failed.text()).toContain('role="alert"');
    expect((await ctx.stripe.checkout.sessions.retrieve(s.id)).status).toBe('open');
    const passed = await post({ ...card, three_d_secure: 'succeed' });
    expect(passed.status).toBe(303);
    expect((await ctx.stripe.checkout.sessions.retrieve(s.id)).payment_status).toBe('paid');
  });

  it('answers CORS preflights', async () => {
    const response = await fetch(`${ctx.url}/v1/payment_intents/pi_x/confirm`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('idempotency-key');
  });
});
