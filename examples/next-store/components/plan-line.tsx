import type { BillingOwner } from '@tollbooth/server';
import type { ReactNode } from 'react';
import { describePlan } from '@/server/plan-words';
import { tollbooth } from '@/server/tollbooth';

/**
 * The user's current plan, read on the server with `tollbooth.billing(user)` (the stored record the webhooks
 * keep in step with Stripe). `userId: null` is a guest, who has no plan; `owner`: the team the user pays as.
 */
export async function PlanLine({
  userId,
  owner = null,
}: {
  userId: string | null;
  owner?: BillingOwner | null;
}): Promise<ReactNode> {
  if (userId === null) return null;
  // A Stripe or store outage costs the line, not the page.
  const state = await tollbooth.billing(owner ?? { id: userId }).catch((error: unknown) => {
    console.warn(
      `[next-store] plan of ${userId} unavailable: ${error instanceof Error ? error.message : error}`,
    );
    return null;
  });
  return (
    <span className="plan-line muted small" data-testid="plan-line" data-status={state?.status ?? 'unknown'}>
      {state ? describePlan(state) : 'Plan unavailable'}
    </span>
  );
}
