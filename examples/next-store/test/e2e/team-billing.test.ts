import { describe, expect, it } from 'vitest';
import { baseUrl, eventually, payAs, signIn, signInAs, tollbooth } from '../helpers';
import { setupBrowser } from './browser';

const browser = setupBrowser();

interface Subscription {
  id: string;
  price: string;
  cancelAtPeriodEnd: boolean;
}

async function subscriptionsOf(cookie: string): Promise<Subscription[]> {
  const res = await tollbooth('/subscriptions', { cookie });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: Subscription[] }).data;
}

describe('team billing (Acme roasters: Alice billing_admin, Bob member)', () => {
  it('Alice subscribes the team; Bob sees it but cannot change or cancel it; his own billing stays his', async () => {
    const alice = await browser.page('alice');
    await alice.goto('/account');
    await alice.getByLabel('Paying as').selectOption('acme');
    await alice.getByRole('button', { name: 'Switch billing' }).click();
    await alice.getByText('Paying as Acme roasters (billing admin)').waitFor();

    await alice.goto('/');
    await alice.getByRole('button', { name: 'Join the coffee club' }).click();
    await alice.waitForURL(/\/_simulator\/checkout\/cs_/);
    await alice.getByRole('button', { name: 'Subscribe' }).click();
    await alice.waitForURL(/\/return\?session_id=cs_/);

    // The subscription is the team's customer's: the team's list has it, Alice's own list does not.
    const aliceTeam = await signInAs('alice', 'acme');
    const [teamSub] = await eventually(async () => {
      const subs = (await subscriptionsOf(aliceTeam)).filter((s) => s.price === 'club');
      return subs.length === 1 ? subs : null;
    });
    expect((await subscriptionsOf(await signIn('alice'))).map((s) => s.id)).not.toContain(teamSub!.id);
    await alice.goto('/account');
    await alice.locator('.tb-subscriptions').getByRole('button', { name: 'Cancel subscription' }).waitFor();

    // Bob, paying as the team: he reads its plan; changing or cancelling it is refused by the server.
    const bob = await browser.page('bob');
    await bob.goto('/account');
    await bob.getByLabel('Paying as').selectOption('acme');
    await bob.getByRole('button', { name: 'Switch billing' }).click();
    await bob.getByText('Paying as Acme roasters (member)').waitFor();
    await bob
      .getByRole('note')
      .getByText(/only its billing admins can change the plan, cancel it/)
      .waitFor();
    const list = bob.locator('.tb-subscriptions');
    await list.getByText('Coffee club').first().waitFor();
    await list.getByRole('button', { name: 'Cancel subscription' }).click();
    await list.getByRole('button', { name: 'Yes, cancel' }).click();
    const refused = "Only Acme roasters' billing admins can change or cancel its plan.";
    await list.getByText(refused).waitFor();
    const switcher = bob.locator('.tb-plan-switcher');
    await switcher.getByRole('button', { name: 'Switch to Coffee club plus' }).click();
    await switcher.getByText(refused).waitFor();
    // No cards, receipts or portal for a reader: the page does not offer what the policy refuses.
    expect(await bob.locator('.tb-payment-methods').count()).toBe(0);

    const bobTeam = await signInAs('bob', 'acme');
    expect((await subscriptionsOf(bobTeam)).map((s) => s.id)).toEqual([teamSub!.id]);
    for (const path of [`/subscriptions/${teamSub!.id}/cancel`, `/subscriptions/${teamSub!.id}/change`]) {
      const res = await tollbooth(path, {
        cookie: bobTeam,
        body: path.endsWith('change') ? { price: 'clubPlus' } : {},
      });
      expect(res.status, path).toBe(403);
    }
    expect((await tollbooth('/payment-methods', { cookie: bobTeam })).status).toBe(403);
    const after = await subscriptionsOf(aliceTeam);
    expect(after.map((s) => [s.id, s.price, s.cancelAtPeriodEnd])).toEqual([[teamSub!.id, 'club', false]]);

    // Back to his own billing: the team's subscription is not his.
    await bob.getByLabel('Paying as').selectOption('me');
    await bob.getByRole('button', { name: 'Switch billing' }).click();
    await bob.getByText('Your orders, your coffee club').waitFor();
    expect(await bob.getByTestId('paying-as').count()).toBe(0);
    expect((await subscriptionsOf(await signIn('bob'))).map((s) => s.id)).not.toContain(teamSub!.id);
  });

  it('refuses a forged team choice from a user who is not a member, and a cross-site one', async () => {
    const sam = await browser.page('sam');
    await sam.goto('/account');
    // Sam belongs to no team: no "Paying as" switcher is offered.
    await sam.getByLabel('Signed in as').waitFor();
    expect(await sam.getByLabel('Paying as').count()).toBe(0);

    const cookie = await signIn('sam');
    const forged = await payAs(cookie, 'acme');
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie()).toEqual([]);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toBe(
      'Sam (support) is not a member of Acme roasters.',
    );
    expect((await payAs(cookie, 'globex')).status).toBe(400);
    // A cross-site form cannot switch a member's billing either.
    const crossSite = await fetch(`${baseUrl}/api/session/team`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        cookie: await signIn('bob'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ team: 'acme' }),
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    const session = await fetch(`${baseUrl}/api/session`, { headers: { cookie } });
    expect(((await session.json()) as { user: { team: string | null } }).user.team).toBeNull();
  });
});
