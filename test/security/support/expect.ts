/**
 * Assertions that also feed the figures: a refused case that answered 2xx is an unauthorized success, a refused
 * case that wrote to Stripe is a denied Stripe write, and a 5xx on bad input is counted as such.
 */
import { expect } from 'vitest';
import { record } from './figures';
import type { CallResult } from './harness';

function describeCall(res: CallResult): string {
  return `status ${res.status} ${res.text.slice(0, 160)}`;
}

/** The server must refuse: one of `statuses`, with `code` when given, and no Stripe write. */
export function expectRefused(res: CallResult, statuses: number | readonly number[], code?: string): void {
  const allowed = typeof statuses === 'number' ? [statuses] : statuses;
  if (res.status >= 200 && res.status < 300) record('unauthorizedSuccess', describeCall(res));
  if (res.writes.length > 0) {
    record('deniedStripeWrite', res.writes.map((w) => `${w.method} ${w.path}`).join(', '));
  }
  expect(
    res.writes.map((w) => `${w.method} ${w.path}`),
    'no Stripe write on a refused case',
  ).toEqual([]);
  expect(allowed, describeCall(res)).toContain(res.status);
  if (code) expect(res.json?.error?.code).toBe(code);
}

/** Bad input: refused with a 4xx from `statuses` (never a 5xx, never a write). */
export function expectBadInput(
  res: CallResult,
  statuses: number | readonly number[] = 400,
  code?: string,
): void {
  if (res.status >= 500) record('badInput5xx', describeCall(res));
  expectRefused(res, statuses, code);
}

/** A positive control: the case must succeed, so the refusals around it mean something. */
export function expectOk(res: CallResult): void {
  expect(res.status, describeCall(res)).toBeGreaterThanOrEqual(200);
  expect(res.status, describeCall(res)).toBeLessThan(300);
}
