import { describe, expect, it } from 'vitest';
import { normaliseAddress, resolveClientAddress } from '../src/_internal/client-address';

describe('normaliseAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['2001:db8:1:2::5', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002:ffff:0:0:1', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2::5]:443', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::ffff:192.0.2.5', '192.0.2.5'],
    ['::ffff:c000:0205', '192.0.2.5'],
    ['64:ff9b::192.0.2.5', '64:ff9b:0:0::/64'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });

  it.each([
    '',
    'unknown',
    '256.1.1.1',
    '1.2.3',
    '2001:db8::1::2',
    '2001:db8:1:2:3:4:5:6:7',
    'g::1',
    'a'.repeat(300),
  ])('%j is not an address', (raw) => {
    expect(normaliseAddress(raw)).toBeNull();
  });
});

describe('resolveClientAddress', () => {
  const req = (xff?: string) =>
    new Request('https://shop.test/', { headers: xff ? { 'x-forwarded-for': xff } : {} });

  it('reads nothing without a named proxy', () => {
    expect(resolveClientAddress(undefined)(req('203.0.113.7'))).toBeNull();
    expect(resolveClientAddress(false)(req('203.0.113.7'))).toBeNull();
  });

  it('counts hops from the right; fewer entries than trusted hops is unknown', () => {
    expect(resolveClientAddress(1)(req('10.0.0.1, 203.0.113.7'))).toBe('203.0.113.7');
    expect(resolveClientAddress(2)(req('10.0.0.1, 203.0.113.7, 192.0.2.1'))).toBe('203.0.113.7');
    expect(resolveClientAddress(2)(req('203.0.113.7'))).toBeNull();
    expect(resolveClientAddress(1)(req())).toBeNull();
  });

  it('normalises what a function returns and ignores what is not a string', () => {
    expect(resolveClientAddress(() => '2001:db8:1:2::9')(req())).toBe('2001:db8:1:2::/64');
    expect(resolveClientAddress(() => 42 as never)(req())).toBeNull();
  });

  it.each([true, 0, -1, 1.5, 11, 'loopback', {}])('refuses %j at startup', (value) => {
    expect(() => resolveClientAddress(value)).toThrow(/trustProxy/);
  });
});
