import { describe, expect, it } from 'vitest';
import { simulatorPriceId } from '../server/catalog';
import { baseUrl, eventually, signIn, simulatorStripe, tollbooth } from './helpers';

describe('the coffee club: billing state in the demo', () => {
  // Ada, because no other test file subscribes her: the e2e subscription test makes Bob a club member, and the
  // files share one running store.
  it('gates the members page on the server, and opens it once Stripe says the user subscribed', async () => {
    const cookie = await signIn('ada');
    const members = async () => (await fetch(`${baseUrl}/members`, { headers: { cookie } })).text();
    expect(await members()).toContain('data-testid="members-refused"');
    expect(await (await fetch(`${baseUrl}/members`)).text()).not.toContain('data-testid="members-content"');
    const before = (await (await tollbooth('/billing', { cookie })).json()) as {
      plan: string;
      status: string;
    };
    expect(before).toMatchObject({ plan: 'visitor', status: 'none' });

    // Ada's customer, made by the server (a SetupIntent needs one); then a club subscription, as Stripe holds it.
    expect((await tollbooth('/setup-intents', { cookie, body: {} })).status).toBe(200);
    const stripe = simulatorStripe();
    const customer = await eventually(async () => {
      const all = await stripe.customers.list({ limit: 100 });
      return all.data.find((c) => c.metadata.tollbooth_owner === 'user:user_ada');
    });
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: simulatorPriceId('club') }],
      default_payment_method: pm.id,
    });
    // The simulator's webhooks reach the app, which syncs the billing record.
    await eventually(async () => (await members()).includes('data-testid="members-content"'));
    // The account page's plan line (components/plan-line.tsx), from tollbooth.billing().
    expect(await (await fetch(`${baseUrl}/account`, { headers: { cookie } })).text()).toMatch(
      /data-testid="plan-line" data-status="active">Coffee club — monthly, renews on /,
    );
  });
});
