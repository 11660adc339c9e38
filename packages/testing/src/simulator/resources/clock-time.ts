import type { Engine } from '../engine';
import type { SimCustomer } from '../types';

/** A stored test clock (`test_helpers.test_clock`). */
export interface SimTestClock {
  id: string;
  object: 'test_helpers.test_clock';
  created: number;
  deletes_after: number;
  frozen_time: number;
  livemode: false;
  name: string | null;
  status: 'advancing' | 'internal_failure' | 'ready';
  status_details: { advancing?: { target_frozen_time: number } };
}

/** The frozen time of the customer's test clock, or `null` when the customer lives on the simulator's clock. */
export function customerTime(engine: Engine, customerId: unknown): number | null {
  const customer = engine.find<SimCustomer>('customer', customerId);
  const clockId = customer?.test_clock;
  const clock =
    typeof clockId === 'string' ? engine.find<SimTestClock>('test_helpers.test_clock', clockId) : null;
  return clock ? clock.frozen_time : null;
}

/** Runs `fn` at the customer's time: objects of a customer on a test clock are created at its frozen time. */
export function atCustomerTime<T>(engine: Engine, customerId: unknown, fn: () => T): T {
  return engine.at(customerTime(engine, customerId) ?? engine.frozenTime, fn);
}
