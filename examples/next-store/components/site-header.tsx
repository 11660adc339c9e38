import Link from 'next/link';
import type { ReactNode } from 'react';
import { MainNav } from '@/components/main-nav';
import { PayingAs } from '@/components/paying-as';
import { isStaff } from '@/server/current-user';
import { DEMO_USERS, type DemoUser } from '@/server/session';

/** The shop's header: navigation, the demo's sign-in switcher and "Paying as" (plain forms: they work before hydration). */
export function SiteHeader({ user, offline }: { user: DemoUser | null; offline: boolean }): ReactNode {
  return (
    <header className="site-header">
      {offline ? (
        <p className="banner" role="note">
          <strong>Offline demo:</strong> payments go to a local Stripe simulator. Try 4242 4242 4242 4242, any
          future date, any CVC.
        </p>
      ) : null}
      <div className="site-header__inner">
        <Link href="/" className="brand">
          <span aria-hidden="true" className="brand__mark">
            ◆
          </span>{' '}
          Tollbooth Supply Co.
        </Link>
        <MainNav staff={isStaff(user)} />
        <form method="post" action="/api/session" className="switcher">
          <label htmlFor="login">Signed in as</label>
          <select id="login" name="login" defaultValue={user?.login ?? 'guest'}>
            <option value="guest">Guest</option>
            {Object.entries(DEMO_USERS).map(([login, u]) => (
              <option key={login} value={login}>
                {/* The names already say "(support)" and "(admin)": show the role once. */}
                {u.name.split(' ')[0]} · {u.roles.join(', ')}
              </option>
            ))}
          </select>
          <button type="submit">Switch</button>
        </form>
        {user ? <PayingAs user={user} /> : null}
      </div>
    </header>
  );
}
