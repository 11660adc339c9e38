import { cookies } from 'next/headers';
import { type DemoUser, readSessionValue, SESSION_COOKIE } from './session';

/** The signed-in demo user for a server component (the same cookie `getUser` reads for Tollbooth). */
export async function currentUser(): Promise<DemoUser | null> {
  const jar = await cookies();
  return readSessionValue(jar.get(SESSION_COOKIE)?.value);
}

export function isStaff(user: DemoUser | null): boolean {
  return user?.roles.some((role) => role === 'support' || role === 'admin') ?? false;
}
