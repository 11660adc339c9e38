import { has } from '@tollbooth/core';
import type { Metadata } from 'next';
import { ClubPerks } from '@/components/club-perks';
import { currentUser } from '@/server/current-user';
import { tollbooth } from '@/server/tollbooth';

export const metadata: Metadata = { title: 'Coffee club' };

/**
 * The members-only page. The gate is here, on the server: `tollbooth.billing(user)` reads the customer's
 * billing state (kept in step with Stripe by the webhooks and by the return from Checkout), and the brew notes
 * are only rendered for a member. `<Entitled>` in <ClubPerks> only shapes the interface.
 */
export default async function MembersPage() {
  const user = await currentUser();
  const billing = user ? await tollbooth.billing(user) : null;
  const member = has(billing, 'members');
  return (
    <>
      <section className="hero">
        <h1>Coffee club</h1>
        <p>Brew notes and the roaster&apos;s calendar, for members of the coffee club.</p>
      </section>
      {member ? (
        <section className="card" data-testid="members-content">
          <h2>This month&apos;s beans</h2>
          <p>
            Washed Yirgacheffe: bergamot, apricot, black tea. Brew 15 g to 250 g at 94 °C; bloom for 40 s.
          </p>
          <p className="muted">
            Your plan: {billing?.plan} ({billing?.status}).
          </p>
        </section>
      ) : (
        <div className="card empty-state" data-testid="members-refused">
          <h2>{user ? 'Members only' : 'Please sign in'}</h2>
          <p>
            {user
              ? 'Join the coffee club to read the brew notes.'
              : 'Sign in with the switcher at the top of the page, then join the club.'}
          </p>
          {user ? <ClubPerks /> : null}
        </div>
      )}
    </>
  );
}
