import { describe, expect, it } from 'vitest';
import { newSessionId, sessionSigner } from '../src/_internal/session';
import { setup } from './helpers';

const withCookie = (setCookie: string) =>
  new Request('https://shop.test/api/tollbooth/checkout/cs_1', {
    headers: { cookie: setCookie.split(';')[0]! },
  });

describe('the anonymous session cookie', () => {
  const secret = 'a-session-secret-of-at-least-32-characters';

  it('reads back the id it signed, and nothing it did not sign', async () => {
    const signer = sessionSigner([secret]);
    const id = newSessionId();
    const cookie = await signer.cookie(id, '/api/tollbooth', 'https://shop.test');
    expect(await signer.read(withCookie(cookie))).toBe(id);
    const [name, value] = cookie.split(';')[0]!.split('=') as [string, string];
    const [, signature] = value.split('.') as [string, string];
    for (const forged of [
      id,
      `${id}.`,
      `${newSessionId()}.${signature}`,
      `${id}.${'A'.repeat(43)}`,
      `${value}A`,
    ]) {
      expect(await signer.read(withCookie(`${name}=${forged}`))).toBeNull();
    }
    // Another secret (another deployment, or an attacker's) signs nothing this one accepts.
    const other = await sessionSigner(['another-secret-of-at-least-32-characters!']).cookie(id, '/', null);
    expect(await signer.read(withCookie(other))).toBeNull();
  });

  it('keeps sessions signed with the previous secret while rotating (the first signs, all verify)', async () => {
    const old = sessionSigner([secret]);
    const rotated = sessionSigner(['the-new-session-secret-of-32-characters!', secret]);
    const id = newSessionId();
    expect(await rotated.read(withCookie(await old.cookie(id, '/', null)))).toBe(id);
    expect(await old.read(withCookie(await rotated.cookie(id, '/', null)))).toBeNull();
  });

  it('is Secure unless the public origin is plain http', async () => {
    const signer = sessionSigner([secret]);
    expect(await signer.cookie(newSessionId(), '/x', 'https://shop.test')).toMatch(/; Secure$/);
    expect(await signer.cookie(newSessionId(), '/x', 'http://localhost:3000')).not.toMatch(/Secure/);
  });

  it.each([['short'], [''], [[]], [[123]], [42]])('sessionSecret %j is a startup error', (value) => {
    expect(() => setup({ sessionSecret: value as never })).toThrow(/sessionSecret/);
  });
});
