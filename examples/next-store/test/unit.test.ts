import type { BillingState } from '@tollbooth/core';
import { describe, expect, it } from 'vitest';
import { catalogPrices, readMode } from '../server/env';
import { describePlan } from '../server/plan-words';
import { createSessionValue, readSessionFromCookieHeader, readSessionValue } from '../server/session';
import { ownerOf } from '../server/teams';

describe('readMode', () => {
  it('runs offline with no keys, and keeps a given webhook secret for the simulator', () => {
    expect(readMode({})).toEqual({ kind: 'simulator', webhookSecret: undefined });
    expect(readMode({ STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toEqual({
      kind: 'simulator',
      webhookSecret: 'whsec_x',
    });
  });

  it('uses a simulator already running at STRIPE_SIMULATOR_URL, and says what a bad one lacks', () => {
    const shared = readMode({
      STRIPE_SIMULATOR_URL: 'http://127.0.0.1:4321',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
    });
    expect(shared).toMatchObject({ kind: 'simulator', webhookSecret: 'whsec_x' });
    expect(shared.kind === 'simulator' && shared.simulatorUrl?.port).toBe('4321');
    expect(() => readMode({ STRIPE_SIMULATOR_URL: 'http://127.0.0.1:4321' })).toThrow(
      /STRIPE_WEBHOOK_SECRET/,
    );
    for (const bad of ['127.0.0.1:4321', 'https://127.0.0.1:4321', 'http://127.0.0.1']) {
      expect(() => readMode({ STRIPE_SIMULATOR_URL: bad, STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toThrow(
        /must be http:\/\/host:port/,
      );
    }
  });

  it('runs on Stripe test mode with all three keys', () => {
    const env = {
      STRIPE_SECRET_KEY: 'sk_test_1',
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_1',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
    };
    expect(readMode(env)).toEqual({
      kind: 'stripe',
      secretKey: 'sk_test_1',
      publishableKey: 'pk_test_1',
      webhookSecret: 'whsec_1',
    });
  });

  it('refuses half a configuration and live keys, naming what is missing', () => {
    expect(() => readMode({ STRIPE_SECRET_KEY: 'sk_test_1' })).toThrow(
      /NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET/,
    );
    const live = {
      STRIPE_SECRET_KEY: 'sk_live_1',
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_live_1',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
    };
    expect(() => readMode(live)).toThrow(/test-mode keys/);
  });

  it('maps catalog keys to test-mode price ids from STRIPE_PRICE_*, and says which one is missing', () => {
    const mode = readMode({
      STRIPE_SECRET_KEY: 'sk_test_1',
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_1',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
    });
    const env = {
      STRIPE_PRICE_MUG: 'price_a',
      STRIPE_PRICE_TOTE: 'price_b',
      STRIPE_PRICE_JACKET: 'price_c',
      STRIPE_PRICE_CLUB: 'price_d',
      STRIPE_PRICE_CLUB_PLUS: 'price_e',
    };
    expect(catalogPrices(mode, env)).toEqual({
      mug: 'price_a',
      tote: 'price_b',
      jacket: 'price_c',
      club: 'price_d',
      clubPlus: 'price_e',
    });
    expect(() => catalogPrices(mode, { ...env, STRIPE_PRICE_CLUB: '' })).toThrow(/STRIPE_PRICE_CLUB/);
  });
});

describe('the demo session cookie', () => {
  it('round-trips a signed value and reads it from a Cookie header', async () => {
    const value = await createSessionValue('alice');
    expect((await readSessionValue(value))?.id).toBe('user_alice');
    const user = await readSessionFromCookieHeader(`a=1; store_session=${value}; b=2`);
    expect(user?.roles).toEqual(['customer']);
  });

  it('rejects a changed login, a changed expiry, a foreign signature and an expired session', async () => {
    const value = await createSessionValue('alice');
    const [, expires, signature] = value.split('.');
    expect(await readSessionValue(`ada.${expires}.${signature}`)).toBeNull();
    expect(await readSessionValue(`alice.${Number(expires) + 1}.${signature}`)).toBeNull();
    expect(await readSessionValue(`alice.${expires}.${'A'.repeat(43)}`)).toBeNull();
    expect(await readSessionValue(`${value}.extra`)).toBeNull();
    expect(await readSessionValue('mallory.9999999999.abc')).toBeNull();
    const later = (Number(expires) + 1) * 1000;
    expect(await readSessionValue(value, later)).toBeNull();
  });

  it('signs the team paid as: it cannot be added, swapped or made up in the browser', async () => {
    const value = await createSessionValue('bob', Date.now(), 'acme');
    expect((await readSessionValue(value))?.team).toBe('acme');
    expect((await readSessionValue(await createSessionValue('bob')))?.team).toBeNull();
    const [, expires, signature] = value.split('.');
    const [, ownExpires, ownSignature] = (await createSessionValue('bob')).split('.');
    expect(await readSessionValue(`bob+acme.${ownExpires}.${ownSignature}`)).toBeNull();
    expect(await readSessionValue(`alice+acme.${expires}.${signature}`)).toBeNull();
    expect(await readSessionValue(`bob+globex.${expires}.${signature}`)).toBeNull();
    expect(await readSessionValue(`bob+acme+acme.${expires}.${signature}`)).toBeNull();
  });
});

describe('ownerOf: whose billing billingOwner resolves to', () => {
  it("is the team, with the member's role, only while the user is a member", () => {
    expect(ownerOf({ login: 'alice', team: 'acme' })).toEqual({
      type: 'organization',
      id: 'team_acme',
      role: 'billing_admin',
    });
    expect(ownerOf({ login: 'bob', team: 'acme' })?.role).toBe('member');
    expect(ownerOf({ login: 'bob', team: null })).toBeNull();
    // A session naming a team its user is not in (signed before they left, say) is their own billing.
    expect(ownerOf({ login: 'sam', team: 'acme' })).toBeNull();
  });
});

describe("describePlan: the plan line in the shop's words", () => {
  const JAN_2_2027 = Date.UTC(2027, 0, 2, 12) / 1000;
  const club = (
    status: BillingState['status'],
    sub: Partial<NonNullable<BillingState['subscription']>> = {},
  ) =>
    ({
      plan: status === 'canceled' ? 'visitor' : 'club',
      status,
      features: [],
      limits: {},
      syncedAt: 1,
      subscription: {
        id: 'sub_1',
        price: 'club',
        status: status === 'none' ? 'active' : status,
        currentPeriodEnd: JAN_2_2027,
        cancelAtPeriodEnd: false,
        trialEnd: null,
        quantity: 1,
        scheduledChange: null,
        ...sub,
      },
    }) as BillingState;

  it('names the product, its interval and what happens next', () => {
    expect(describePlan(club('active'))).toBe('Coffee club — monthly, renews on Jan 2, 2027');
    expect(describePlan(club('active', { cancelAtPeriodEnd: true }))).toBe(
      'Coffee club — monthly, ends on Jan 2, 2027',
    );
    expect(describePlan(club('trialing', { trialEnd: JAN_2_2027 }))).toBe(
      'Coffee club — monthly, trial ends on Jan 2, 2027',
    );
    expect(describePlan(club('past_due'))).toBe('Coffee club — monthly, payment overdue');
  });

  it('says "No membership" without a live subscription', () => {
    expect(describePlan({ ...club('none'), subscription: null })).toBe('No membership');
    expect(describePlan(club('canceled'))).toBe('No membership');
  });
});
