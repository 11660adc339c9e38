import type { ReactNode } from 'react';
import type { DemoUser } from '@/server/session';
import { DEMO_TEAMS, teamsOf } from '@/server/teams';

/**
 * "Paying as: me / Acme roasters": whose billing the account page and every Tollbooth action act on. A plain
 * form like the sign-in switcher (works before hydration); only a user's own teams are offered, and the
 * server refuses any other (app/api/session/team).
 */
export function PayingAs({ user }: { user: DemoUser }): ReactNode {
  const teams = teamsOf(user.login);
  if (teams.length === 0) return null;
  return (
    <form method="post" action="/api/session/team" className="switcher">
      <label htmlFor="paying-as">Paying as</label>
      <select id="paying-as" name="team" defaultValue={user.team ?? 'me'}>
        <option value="me">me</option>
        {teams.map((team) => (
          <option key={team} value={team}>
            {DEMO_TEAMS[team].name}
          </option>
        ))}
      </select>
      <button type="submit">Switch billing</button>
    </form>
  );
}
