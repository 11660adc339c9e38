import type { TestProject } from 'vitest/node';
import { createStripeSimulator } from '../../src/index';

/** One simulator for the browser suite, over real HTTP on 127.0.0.1; each test creates its own intents. */
export default async function setup(project: TestProject) {
  const sim = createStripeSimulator({
    products: [{ id: 'prod_basic', name: 'Basic plan' }],
    prices: [{ id: 'price_basic', product: 'prod_basic', unit_amount: 1500, currency: 'usd' }],
  });
  const server = await sim.listen(0);
  project.provide('simulatorUrl', server.url);
  return () => server.close();
}
