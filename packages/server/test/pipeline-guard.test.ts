/**
 * The second line of defence: were the authorize step ever dropped from the pipeline, no action may still
 * run. The step is replaced here by one that does nothing (as if a change had skipped it); every action must
 * then be refused with 500 before its Stripe call, even with a policy that would allow it.
 */
import { ACTIONS } from '@tollbooth/core';
import { describe, expect, it, vi } from 'vitest';
import { errorOf } from './helpers';
import { arrangeValidRequests } from './pipeline-fixtures';
import { simSetup } from './sim';

vi.mock(import('../src/_internal/authorize'), async (original) => ({
  ...(await original()),
  authorizeStep: async () => {},
}));

describe('without an allow decision, nothing runs', () => {
  it.each(ACTIONS)('%s: refused 500, no Stripe write, audited as deny', async (action) => {
    const t = simSetup({ authorize: () => true });
    const request = (await arrangeValidRequests(t, 'u1'))(action);
    const writes = t.mark();
    const res = await t.tollbooth.handle(request);
    expect(res.status).toBe(500);
    expect(await errorOf(res)).toEqual({ code: 'internal_error', message: 'Something went wrong.' });
    expect(writes()).toEqual([]);
    expect(t.audit).toMatchObject([{ action, decision: 'deny', outcome: 'internal_error', status: 500 }]);
    expect(t.logger.lines.join('\n')).toContain('without an allow decision');
  });
});
