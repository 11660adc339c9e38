import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from '../helpers';

// The simulator's clock is injected so the search delay passes without sleeping.
let nowMs = Date.UTC(2026, 10, 1);
const ctx = useSimulator({ now: () => nowMs, searchDelaySeconds: 2 });
const later = (seconds: number) => {
  nowMs += seconds * 1000;
};

async function ids(stripe: Stripe, query: string): Promise<string[]> {
  const result = await stripe.customers.search({ query });
  expect(result.object).toBe('search_result');
  return result.data.map((c) => c.id);
}

describe('customers.search', () => {
  it('finds a new customer only after the search delay, then by metadata and email', async () => {
    const a = await ctx.stripe.customers.create({
      email: 'ada@example.com',
      metadata: { tollbooth_app: 'shop', tollbooth_owner: 'user_1' },
    });
    const query = "metadata['tollbooth_app']:'shop' AND metadata['tollbooth_owner']:'user_1'";
    expect(await ids(ctx.stripe, query)).toEqual([]);
    later(1);
    expect(await ids(ctx.stripe, query)).toEqual([]);
    later(1);
    expect(await ids(ctx.stripe, query)).toEqual([a.id]);
    expect(await ids(ctx.stripe, 'email:"ADA@example.com"')).toEqual([a.id]);
    expect(await ids(ctx.stripe, 'metadata["tollbooth_owner"]:"user_2"')).toEqual([]);
  });

  it('answers from the previous version until an update is indexed, and drops deleted customers', async () => {
    const a = await ctx.stripe.customers.create({ email: 'old@example.com' });
    later(2);
    await ctx.stripe.customers.update(a.id, { email: 'new@example.com' });
    expect(await ids(ctx.stripe, 'email:"old@example.com"')).toEqual([a.id]);
    expect(await ids(ctx.stripe, 'email:"new@example.com"')).toEqual([]);
    later(2);
    expect(await ids(ctx.stripe, 'email:"old@example.com"')).toEqual([]);
    expect(await ids(ctx.stripe, 'email:"new@example.com"')).toEqual([a.id]);
    await ctx.stripe.customers.del(a.id);
    later(2);
    expect(await ids(ctx.stripe, 'email:"new@example.com"')).toEqual([]);
  });

  it('supports OR, negation, substring and null', async () => {
    const a = await ctx.stripe.customers.create({
      email: 'a@x.test',
      name: 'Ada Lovelace',
      metadata: { t: '1' },
    });
    const b = await ctx.stripe.customers.create({ email: 'b@x.test', name: 'Bob' });
    later(2);
    expect((await ids(ctx.stripe, 'email:"a@x.test" OR email:"b@x.test"')).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    expect(await ids(ctx.stripe, '-email:"a@x.test" AND name:"bob"')).toEqual([b.id]);
    expect(await ids(ctx.stripe, 'name~"love"')).toEqual([a.id]);
    expect(await ids(ctx.stripe, "metadata['t']:null")).toEqual([b.id]);
  });

  it('pages with next_page until has_more is false', async () => {
    for (let i = 0; i < 5; i++) await ctx.stripe.customers.create({ metadata: { batch: 'p' } });
    later(2);
    const first = await ctx.stripe.customers.search({ query: "metadata['batch']:'p'", limit: 2 });
    expect(first.has_more).toBe(true);
    const seen = new Set(first.data.map((c) => c.id));
    let page = first.next_page;
    while (page) {
      const next = await ctx.stripe.customers.search({ query: "metadata['batch']:'p'", limit: 2, page });
      for (const c of next.data) seen.add(c.id);
      page = next.has_more ? next.next_page : null;
    }
    expect(seen.size).toBe(5);
  });

  it('refuses malformed queries, unknown fields and AND mixed with OR', async () => {
    for (const query of ['email', 'colour:"red"', 'email:"a" AND name:"b" OR phone:"c"', 'name~"ab"']) {
      const error = await rejection(ctx.stripe.customers.search({ query }));
      expect(error.statusCode).toBe(400);
      expect(error.param).toBe('query');
    }
  });
});
