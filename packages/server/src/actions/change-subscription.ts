import { defineAction } from '../_internal/action';
import { applyChange } from '../plan-changes/apply';
import { loadPlanChange, reloadPlanChange } from '../plan-changes/load';
import { withLock } from '../plan-changes/lock';
import { planChangeSchema } from '../plan-changes/schema';
import { refuseEnded } from './subscription-owner';

/**
 * `POST /subscriptions/:id/change`: an upgrade now (prorated, paid at once), a downgrade at the period end, or
 * an undo of the scheduled one. One change per subscription at a time, read again under the lock.
 */
export const changeSubscription = defineAction('subscriptions.change', {
  input: planChangeSchema,
  load: loadPlanChange,
  auditId: (change) => change.subscription.id,
  async run(ctx, _input, change) {
    refuseEnded(change.subscription);
    return withLock(ctx.rt, `plan-change:${change.subscription.id}`, async () => {
      const fresh = await reloadPlanChange(ctx, change);
      refuseEnded(fresh.subscription);
      return applyChange(ctx, fresh);
    });
  },
});
