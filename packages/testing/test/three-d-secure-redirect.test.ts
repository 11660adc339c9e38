import { describe, expect, it } from 'vitest';
import { useSimulator } from './helpers';

const ctx = useSimulator();
const RETURN = 'https://shop.test/return?order=42';

/** A PaymentIntent confirmed server-side with a 3-D Secure card and a return_url: its redirect URL. */
async function redirected() {
  const pi = await ctx.stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
  const confirmed = await ctx.stripe.paymentIntents.confirm(pi.id, {
    payment_method: 'pm_card_threeDSecure2Required',
    return_url: RETURN,
  });
  return { pi: confirmed, url: confirmed.next_action!.redirect_to_url!.url! };
}

const answer = (url: string, fields: Record<string, string>) =>
  fetch(new URL(url).origin + new URL(url).pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

describe('the redirect_to_url 3-D Secure page', () => {
  it('shows the challenge, and sends the customer back to return_url with Stripe’s query after success', async () => {
    const { pi, url } = await redirected();
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('Complete authentication');
    expect(body).toContain('$15.00');
    const secret = new URL(url).searchParams.get('client_secret')!;
    expect(secret).toBe(pi.client_secret);
    // The return URL is the confirm's, whatever the form says.
    const response = await answer(url, {
      client_secret: secret,
      outcome: 'succeed',
      return_url: 'https://evil.test',
    });
    expect(response.status).toBe(303);
    const back = new URL(response.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('https://shop.test/return');
    expect(Object.fromEntries(back.searchParams)).toEqual({
      order: '42',
      payment_intent: pi.id,
      payment_intent_client_secret: pi.client_secret,
      redirect_status: 'succeeded',
    });
    expect((await ctx.stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
    // Answered: the page says so instead of offering the challenge again.
    expect(await (await fetch(url)).text()).toContain('No authentication is pending');
  });

  it('returns with redirect_status=failed after a failed challenge', async () => {
    const { pi, url } = await redirected();
    const response = await answer(url, { client_secret: pi.client_secret!, outcome: 'fail' });
    expect(new URL(response.headers.get('location')!).searchParams.get('redirect_status')).toBe('failed');
    const failed = await ctx.stripe.paymentIntents.retrieve(pi.id);
    expect(failed.status).toBe('requires_payment_method');
    expect(failed.last_payment_error?.code).toBe('payment_intent_authentication_failure');
  });

  it('answers 404 without the right client secret, and 400 for an unknown outcome', async () => {
    const { pi, url } = await redirected();
    const page = new URL(url);
    page.searchParams.set('client_secret', 'wrong');
    expect((await fetch(page)).status).toBe(404);
    expect((await answer(url, { client_secret: 'wrong', outcome: 'succeed' })).status).toBe(404);
    expect((await answer(url, { client_secret: pi.client_secret!, outcome: 'maybe' })).status).toBe(400);
    expect((await ctx.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_action');
  });
});
