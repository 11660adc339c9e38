import { describe, expect, it } from 'vitest';
import { useSimulator } from './helpers';

let now = 1_800_000_000_000;
const ctx = useSimulator({ now: () => now });

describe('idempotency window', () => {
  it("replays a key for 24 h on the simulator's clock, then treats it as a new request", async () => {
    const first = await ctx.stripe.customers.create({ email: 'a@b.test' }, { idempotencyKey: 'cus-1' });
    now += 24 * 60 * 60 * 1000 - 1;
    const replay = await ctx.stripe.customers.create({ email: 'a@b.test' }, { idempotencyKey: 'cus-1' });
    expect(replay.id).toBe(first.id);
    now += 1;
    const fresh = await ctx.stripe.customers.create({ email: 'a@b.test' }, { idempotencyKey: 'cus-1' });
    expect(fresh.id).not.toBe(first.id);
  });
});
