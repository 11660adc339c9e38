import { describe, expect, it } from 'vitest';
import { memoryStore } from '../src/index';

describe('memoryStore', () => {
  it('gets, sets and deletes', async () => {
    const s = memoryStore();
    expect(await s.get('a')).toBeNull();
    expect(await s.set('a', '1')).toBe(true);
    expect(await s.get('a')).toBe('1');
    await s.delete('a');
    expect(await s.get('a')).toBeNull();
  });

  it('sets ifAbsent only once, and once again after delete', async () => {
    const s = memoryStore();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => s.set('claim', 'x', { ifAbsent: true })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    await s.delete('claim');
    expect(await s.set('claim', 'y', { ifAbsent: true })).toBe(true);
  });

  it('expires keys on the injected clock', async () => {
    let now = 1_000_000;
    const s = memoryStore({ now: () => now });
    await s.set('k', 'v', { ttlSeconds: 10 });
    now += 9_999;
    expect(await s.get('k')).toBe('v');
    now += 1;
    expect(await s.get('k')).toBeNull();
    expect(await s.set('k', 'w', { ttlSeconds: 10, ifAbsent: true })).toBe(true);
  });

  it('increments with a TTL set when the counter is created', async () => {
    let now = 0;
    const s = memoryStore({ now: () => now });
    expect(await s.increment('c', 60)).toBe(1);
    expect(await s.increment('c', 60)).toBe(2);
    now += 30_000;
    expect(await s.increment('c', 60)).toBe(3);
    now += 30_000;
    expect(await s.increment('c', 60)).toBe(1);
  });
});
