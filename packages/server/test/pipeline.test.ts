/**
 * The pipeline, not each action, runs validate → load → authorize → run. These cases run every action (the
 * list comes from core's spec), so removing the authorize step from the pipeline, or letting an action answer
 * without it, fails here for all fourteen at once.
 */
import { ACTIONS, type ActionName, EMPTY_BODY_ACTIONS, ROUTES } from '@tollbooth/core';
import { describe, expect, it } from 'vitest';
import type { AuthorizeFn } from '../src/index';
import { call, errorOf } from './helpers';
import { arrangeValidRequests } from './pipeline-fixtures';
import { simSetup } from './sim';

/** An `authorize` that answers `verdict` and records what it was asked. */
function recordingPolicy(verdict: boolean) {
  const asked: Array<{ action: ActionName; contextAction: ActionName; resource: unknown }> = [];
  const authorize: AuthorizeFn = (_user, action, context) => {
    asked.push({ action, contextAction: context.action, resource: context.resource });
    return verdict;
  };
  return { authorize, asked };
}

describe('every action passes the authorize step', () => {
  it.each(ACTIONS)('%s: refused 403 when authorize denies, with no Stripe write', async (action) => {
    const policy = recordingPolicy(false);
    const t = simSetup({ authorize: policy.authorize });
    const request = (await arrangeValidRequests(t, 'u1'))(action);
    const writes = t.mark();
    const res = await t.tollbooth.handle(request);
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ code: 'forbidden', message: 'You are not allowed to do this.' });
    expect(writes()).toEqual([]);
    expect(policy.asked.map((a) => [a.action, a.contextAction])).toEqual([[action, action]]);
    expect(t.audit).toMatchObject([{ action, decision: 'deny', outcome: 'forbidden', status: 403 }]);
  });

  it.each(ACTIONS)(
    '%s: served only after authorize allowed it, once, on the loaded resource',
    async (action) => {
      const policy = recordingPolicy(true);
      const t = simSetup({ authorize: policy.authorize });
      const res = await t.tollbooth.handle((await arrangeValidRequests(t, 'u1'))(action));
      expect([action, res.status]).toEqual([action, 200]);
      expect(policy.asked).toHaveLength(1);
      // `load` ran before authorize: the resource is what the action acts on (null only for the catalog).
      expect(policy.asked[0]?.resource === null).toBe(action === 'catalog.read');
      expect(t.audit).toMatchObject([{ action, decision: 'allow', outcome: 'ok', status: 200 }]);
    },
  );
});

describe('bodiless write routes refuse unknown fields', () => {
  it('covers setup intents and the four routes without a body of their own', () => {
    expect(EMPTY_BODY_ACTIONS.map((a) => `${ROUTES[a].method} ${ROUTES[a].path}`)).toEqual([
      'POST /setup-intents',
      'DELETE /payment-methods/:id',
      'POST /payment-methods/:id/default',
      'POST /subscriptions/:id/cancel',
      'POST /subscriptions/:id/resume',
    ]);
  });

  it.each(EMPTY_BODY_ACTIONS)('%s: a body with fields → 400 before anything is loaded', async (action) => {
    const policy = recordingPolicy(true);
    const t = simSetup({ authorize: policy.authorize });
    const valid = (await arrangeValidRequests(t, 'u1'))(action);
    const writes = t.mark();
    const res = await t.tollbooth.handle(
      call(new URL(valid.url).pathname.replace('/api/tollbooth', ''), {
        method: valid.method,
        body: { customer: 'cus_victim', cancel_at_period_end: false },
        user: 'u1',
      }),
    );
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
    expect(policy.asked).toEqual([]);
    expect(writes()).toEqual([]);
    expect(t.audit).toMatchObject([{ action, decision: 'deny', outcome: 'invalid_request', status: 400 }]);
  });

  it.each(
    EMPTY_BODY_ACTIONS.flatMap((action) => [
      [action, '{}'],
      [action, ''],
    ]),
  )('%s: the body %j is accepted', async (action, body) => {
    const t = simSetup({ authorize: () => true });
    const valid = (await arrangeValidRequests(t, 'u1'))(action);
    const path = new URL(valid.url).pathname.replace('/api/tollbooth', '');
    const res = await t.tollbooth.handle(call(path, { method: ROUTES[action].method, body, user: 'u1' }));
    expect([action, res.status]).toEqual([action, 200]);
  });
});
