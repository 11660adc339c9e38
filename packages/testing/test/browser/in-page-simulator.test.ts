import { expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { createStripeSimulator } from '../../src/index';
import { createStripeJsStandIn } from '../../src/stripe-js';
import { fillCard } from './helpers';

/** The Storybook / offline-demo set-up: the simulator in the page, reached through the `fetch` option. */
test('runs against an in-page simulator through the fetch option, with no server', async () => {
  const sim = createStripeSimulator({
    prices: [{ id: 'price_basic', product: 'prod_basic', unit_amount: 1500, currency: 'usd' }],
  });
  const secretCall = async (method: string, path: string, body?: string) => {
    const response = await sim.fetch(
      new Request(`https://api.stripe.com${path}`, {
        method,
        headers: {
          authorization: 'Bearer sk_test_in_page',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
      }),
    );
    return (await response.json()) as { id: string; client_secret: string; status: string };
  };
  const created = await secretCall('POST', '/v1/payment_intents', 'amount=1500&currency=usd');
  const stripe = createStripeJsStandIn({
    simulatorUrl: 'https://api.stripe.com',
    fetch: (input, init) => sim.fetch(new Request(input, init)),
  });
  const elements = stripe.elements({ clientSecret: created.client_secret });
  const node = document.createElement('div');
  document.body.appendChild(node);
  elements.create('payment').mount(node);
  await fillCard('4242424242424242');
  const result = await stripe.confirmPayment({ elements, redirect: 'if_required' });
  expect(result.paymentIntent?.status).toBe('succeeded');
  expect((await secretCall('GET', `/v1/payment_intents/${created.id}`)).status).toBe('succeeded');
  expect(sim.requests.filter((r) => r.apiKey.startsWith('pk_')).map((r) => `${r.method} ${r.path}`)).toEqual([
    `GET /v1/payment_intents/${created.id}`,
    `POST /v1/payment_intents/${created.id}/confirm`,
  ]);
  await expect.element(page.getByLabelText('Card number')).toBeVisible();
  node.remove();
});
