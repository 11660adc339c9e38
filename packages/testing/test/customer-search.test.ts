import { describe, expect, it } from 'vitest';
import { useSimulator } from './helpers';

let now = 1_800_000_000_000;
const ctx = useSimulator({ now: () => now, searchDelayMs: 1000 });

describe('customers.search (minimal: exact matches, eventual consistency)', () => {
  it('finds a customer by metadata only after the indexing delay', async () => {
    const created = await ctx.stripe.customers.create({
      email: 'Ada@Example.test',
      metadata: { tollbooth_app: 'shop', tollbooth_owner: "user:o'brien" },
    });
    const query = `metadata['tollbooth_app']:'shop' AND metadata['tollbooth_owner']:'user:o\\'brien'`;
    expect((await ctx.stripe.customers.search({ query })).data).toEqual([]);
    now += 999;
    expect((await ctx.stripe.customers.search({ query })).data).toEqual([]);
    now += 1;
    const found = await ctx.stripe.customers.search({ query });
    expect(found.object).toBe('search_result');
    expect(found.data.map((c) => c.id)).toEqual([created.id]);
    const byEmail = await ctx.stripe.customers.search({ query: 'email:"ada@example.test"' });
    expect(byEmail.data.map((c) => c.id)).toEqual([created.id]);
  });

  it('matches every AND clause, any OR clause, and leaves deleted customers out', async () => {
    const a = await ctx.stripe.customers.create({ metadata: { app: 'a', owner: '1' } });
    const b = await ctx.stripe.customers.create({ metadata: { app: 'b', owner: '1' } });
    const gone = await ctx.stripe.customers.create({ metadata: { app: 'a', owner: '1' } });
    await ctx.stripe.customers.del(gone.id);
    now += 1000;
    const and = await ctx.stripe.customers.search({ query: "metadata['app']:'a' AND metadata['owner']:'1'" });
    expect(and.data.map((c) => c.id)).toEqual([a.id]);
    const or = await ctx.stripe.customers.search({ query: "metadata['app']:'a' OR metadata['app']:'b'" });
    expect(or.data.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('sees an update only after the delay', async () => {
    const c = await ctx.stripe.customers.create({ metadata: { tier: 'old' } });
    now += 1000;
    await ctx.stripe.customers.update(c.id, { metadata: { tier: 'new' } });
    expect((await ctx.stripe.customers.search({ query: "metadata['tier']:'old'" })).data).toHaveLength(1);
    now += 1000;
    expect((await ctx.stripe.customers.search({ query: "metadata['tier']:'old'" })).data).toHaveLength(0);
    expect((await ctx.stripe.customers.search({ query: "metadata['tier']:'new'" })).data).toHaveLength(1);
  });

  it('refuses a query it cannot parse, as Stripe does', async () => {
    await expect(ctx.stripe.customers.search({ query: 'metadata[app]=a' })).rejects.toMatchObject({
      statusCode: 400,
      param: 'query',
    });
    await expect(
      ctx.stripe.customers.search({ query: "email:'a' AND name:'b' OR name:'c'" }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});

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
