import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { manualClock, rejection, useSimulator } from '../helpers';

// The simulator's clock is injected so the search delay passes without sleeping.
const clock = manualClock(Date.UTC(2026, 10, 1));
const { later } = clock;
const ctx = useSimulator({ now: clock.now, searchDelaySeconds: 2 });

async function ids(stripe: Stripe, query: string): Promise<string[]> {
  const result = await stripe.subscriptions.search({ query });
  expect(result).toMatchObject({ object: 'search_result', url: '/v1/subscriptions/search' });
  return result.data.map((s) => s.id);
}

async function subscribe(metadata: Record<string, string> = {}) {
  const customer = await ctx.stripe.customers.create();
  const pm = await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  return ctx.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: 'price_pro' }],
    default_payment_method: pm.id,
    metadata,
  });
}

describe('subscriptions.search', () => {
  it('finds a new subscription by metadata and status only after the search delay', async () => {
    const sub = await subscribe({ tollbooth_owner: 'user_1' });
    const query = "metadata['tollbooth_owner']:'user_1' AND status:'active'";
    expect(await ids(ctx.stripe, query)).toEqual([]);
    later(1);
    expect(await ids(ctx.stripe, query)).toEqual([]);
    later(1);
    expect(await ids(ctx.stripe, query)).toEqual([sub.id]);
    expect(await ids(ctx.stripe, `created>=${sub.created}`)).toEqual([sub.id]);
    expect(await ids(ctx.stripe, `created>${sub.created}`)).toEqual([]);
  });

  it('sees a cancellation late, and keeps canceled subscriptions searchable by status', async () => {
    const sub = await subscribe({ app: 'shop' });
    later(2);
    await ctx.stripe.subscriptions.cancel(sub.id);
    expect(await ids(ctx.stripe, "status:'active'")).toEqual([sub.id]);
    expect(await ids(ctx.stripe, "status:'canceled'")).toEqual([]);
    later(2);
    expect(await ids(ctx.stripe, "status:'active'")).toEqual([]);
    expect(await ids(ctx.stripe, "status:'canceled' AND metadata['app']:'shop'")).toEqual([sub.id]);
  });

  it('pages, newest first, with next_page', async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await subscribe({ batch: 'p' })).id);
    later(2);
    const first = await ctx.stripe.subscriptions.search({ query: "metadata['batch']:'p'", limit: 2 });
    expect(first.has_more).toBe(true);
    const second = await ctx.stripe.subscriptions.search({
      query: "metadata['batch']:'p'",
      limit: 2,
      page: first.next_page!,
    });
    expect(second).toMatchObject({ has_more: false, next_page: null });
    expect([...first.data, ...second.data].map((s) => s.id)).toEqual(made.reverse());
  });

  it('refuses fields subscriptions cannot be searched by', async () => {
    for (const query of ['email:"a@example.com"', 'customer:"cus_123"', 'status']) {
      const error = await rejection(ctx.stripe.subscriptions.search({ query }));
      expect(error.statusCode).toBe(400);
      expect(error.param).toBe('query');
    }
  });
});
