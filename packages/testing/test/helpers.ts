import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { createStripeSimulator, type StripeSimulator, type StripeSimulatorOptions } from '../src/index';
import { ConformanceValidator, type Violation } from './conformance/validator';

export const PRICES: NonNullable<StripeSimulatorOptions['prices']> = [
  { id: 'price_basic', product: 'prod_basic', unit_amount: 1500, currency: 'usd' },
  {
    id: 'price_pro',
    product: 'prod_pro',
    unit_amount: 4900,
    currency: 'usd',
    recurring: { interval: 'month' },
  },
  { id: 'price_old', product: 'prod_basic', unit_amount: 900, currency: 'usd', active: false },
  { id: 'price_eur', product: 'prod_basic', unit_amount: 1000, currency: 'eur' },
];

export const PRODUCTS: StripeSimulatorOptions['products'] = [
  { id: 'prod_basic', name: 'Basic', description: 'The basic plan' },
  { id: 'prod_pro', name: 'Pro' },
];

/** A simulator served on 127.0.0.1 and a real Stripe client pointed at it, reset before each test. */
export function useSimulator(options: Partial<StripeSimulatorOptions> = {}) {
  const ctx = {} as { sim: StripeSimulator; stripe: Stripe; url: string; close: () => Promise<void> };
  useConformance();
  beforeAll(async () => {
    ctx.sim = createStripeSimulator({ prices: PRICES, products: PRODUCTS, ...options });
    const server = await ctx.sim.listen();
    ctx.url = server.url;
    ctx.close = server.close;
    ctx.stripe = stripeFor(server.port);
  });
  beforeEach(() => ctx.sim.reset());
  afterAll(() => ctx.close());
  return ctx;
}

/**
 * The conformance check for a suite: every response its SDK clients (`stripeFor`) receive must match the schema
 * spec3.json gives it (amended by spec/newer-api.ts); a test whose flow got a non-conforming body fails.
 */
export function useConformance(): void {
  // Compiling Stripe's schema graph takes seconds: once per test file, before its tests' timers start.
  beforeAll(() => {
    validator ??= new ConformanceValidator();
    validator.warm();
  }, 60_000);
  afterEach(() => {
    expect(violations.splice(0)).toEqual([]);
  });
}

let validator: ConformanceValidator | undefined;
/** Responses of the current test that did not match the spec (checked after each test by `useSimulator`). */
export const violations: Violation[] = [];
/** Every operation the flows reached that the spec does not describe (so could not be validated). */
export const unvalidated = new Set<string>();

/**
 * The SDK's own Node HTTP client, checking each `/v1` response body against spec3.json before the SDK reads it
 * (the body is read once here and handed on; status, headers and the raw response stay the SDK's).
 */
class ConformingHttpClient extends Stripe.HttpClient {
  private readonly inner = Stripe.createNodeHttpClient();

  override getClientName(): string {
    return 'conforming-node';
  }

  override async makeRequest(...args: Parameters<Stripe.HttpClient['makeRequest']>) {
    const [, , path, method] = args;
    const response = await this.inner.makeRequest(...args);
    const body: unknown = await response.toJSON();
    const pathname = path.split('?')[0]!;
    validator ??= new ConformanceValidator();
    const problems = validator.check(method, pathname, response.getStatusCode(), body);
    if (problems === 'not in spec') unvalidated.add(`${method} ${pathname}`);
    else if (problems.length) {
      violations.push({
        request: `${method} ${pathname}`,
        status: response.getStatusCode(),
        errors: problems,
      });
    }
    return Object.assign(Object.create(response) as typeof response, { toJSON: async () => body });
  }
}

export function stripeFor(port: number, key = 'sk_test_simulator'): Stripe {
  return new Stripe(key, {
    host: '127.0.0.1',
    port,
    protocol: 'http',
    maxNetworkRetries: 0,
    httpClient: new ConformingHttpClient(),
  });
}

/** Asserts a promise rejects and returns the error for further checks. */
export async function rejection<T = Stripe.errors.StripeError>(promise: Promise<unknown>): Promise<T> {
  try {
    await promise;
  } catch (error) {
    return error as T;
  }
  throw new Error('expected the promise to reject');
}

/** A clock for the simulator's `now` option that a test moves by hand, so delays pass without sleeping. */
export function manualClock(startMs: number) {
  let ms = startMs;
  return {
    now: () => ms,
    later: (seconds: number) => {
      ms += seconds * 1000;
    },
  };
}
