import type { BillingOwner } from '@tollbooth/server';
import type { DemoLogin } from './session';

/**
 * The demo's one team. It pays as one Stripe customer; each member has a role in it that the policy in
 * server/tollbooth.ts reads as `org:<role>`. A real app keeps memberships in its database.
 */
export const DEMO_TEAMS = {
  acme: {
    id: 'team_acme',
    name: 'Acme roasters',
    members: { alice: 'billing_admin', bob: 'member' } as Partial<Record<DemoLogin, TeamRole>>,
  },
} as const;

/** `billing_admin` manages the team's billing; `member` may only see its plan. */
export type TeamRole = 'billing_admin' | 'member';
export type DemoTeam = keyof typeof DEMO_TEAMS;

export function isDemoTeam(value: unknown): value is DemoTeam {
  return typeof value === 'string' && Object.hasOwn(DEMO_TEAMS, value);
}

/** The role of `login` in `team`, or null when they are not a member (checked on every request). */
export function teamRole(login: DemoLogin, team: DemoTeam): TeamRole | null {
  return DEMO_TEAMS[team].members[login] ?? null;
}

/** The teams `login` belongs to: what the "Paying as" switcher offers. */
export function teamsOf(login: DemoLogin): DemoTeam[] {
  return (Object.keys(DEMO_TEAMS) as DemoTeam[]).filter((team) => teamRole(login, team) !== null);
}

/**
 * Whose billing the signed-in user acts on: the team named in their signed session when they are still a
 * member of it, themselves otherwise. What `billingOwner` returns; nothing the browser sends is read.
 */
export function ownerOf(user: { login: DemoLogin; team: DemoTeam | null }): BillingOwner | null {
  if (user.team === null) return null;
  const role = teamRole(user.login, user.team);
  return role && { type: 'organization', id: DEMO_TEAMS[user.team].id, role };
}
