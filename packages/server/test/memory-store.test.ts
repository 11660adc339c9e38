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

describe('memoryStore bounds', () => {
  it('sweeps expired keys that are never read again', async () => {
    let now = 0;
    const s = memoryStore({ now: () => now, sweepIntervalMs: 60_000 });
    for (let i = 0; i < 1000; i++) await s.set(`anon:${i}`, 'x', { ttlSeconds: 60 });
    await s.set('customer:u1', 'cus_1');
    expect(s.size).toBe(1001);
    now += 61_000;
    await s.set('tick', '1');
    expect(s.size).toBe(2);
    expect(await s.get('customer:u1')).toBe('cus_1');
  });

  it('evicts the least recently used key past maxKeys', async () => {
    const s = memoryStore({ maxKeys: 3 });
    await s.set('a', '1');
    await s.set('b', '2');
    await s.set('c', '3');
    expect(await s.get('a')).toBe('1'); // a is now the most recently used
    await s.set('d', '4');
    expect(s.size).toBe(3);
    expect(await s.get('b')).toBeNull();
    expect(await s.get('a')).toBe('1');
    await s.increment('e', 60);
    expect(await s.get('c')).toBeNull();
    expect(s.size).toBe(3);
  });

  it('keeps durable keys (webhook claims) in a tier other traffic cannot evict', async () => {
    const s = memoryStore({ maxKeys: 2, maxDurableKeys: 2 });
    await s.set('webhook:evt_1', 'done', { durable: true });
    for (let i = 0; i < 100; i++) await s.set(`ratelimit:${i}`, '1', { ttlSeconds: 60 });
    expect(await s.get('webhook:evt_1')).toBe('done');
    expect(s.size).toBe(3);
    // A value moved between tiers by a rewrite lives in one of them only.
    expect(await s.compareAndSet('webhook:evt_1', 'done', 'done:2', { durable: true })).toBe(true);
    await s.set('ratelimit:0', 'x', { durable: true });
    await s.set('webhook:evt_3', 'done', { durable: true });
    expect(await s.get('webhook:evt_1')).toBeNull(); // the durable tier's own cap, least recently used first
    expect(await s.get('ratelimit:0')).toBe('x');
    expect(s.size).toBe(4); // two of each tier
  });

  it('compares before it sets or deletes', async () => {
    const s = memoryStore();
    expect(await s.compareAndSet('k', 'a', 'b')).toBe(false);
    await s.set('k', 'a');
    expect(await s.compareAndSet('k', 'x', 'b')).toBe(false);
    expect(await s.compareAndSet('k', 'a', 'b')).toBe(true);
    expect(await s.compareAndDelete('k', 'a')).toBe(false);
    expect(await s.compareAndDelete('k', 'b')).toBe(true);
    expect(await s.get('k')).toBeNull();
  });

  it('treats an expired value as absent when comparing', async () => {
    let now = 0;
    const s = memoryStore({ now: () => now });
    await s.set('lease', 'mine', { ttlSeconds: 60 });
    now += 60_000;
    expect(await s.compareAndSet('lease', 'mine', 'done')).toBe(false);
    expect(await s.get('lease')).toBeNull();
  });

  it('refuses a bad bound or TTL with a clear error', async () => {
    expect(() => memoryStore({ maxKeys: 0 })).toThrow(/maxKeys/);
    expect(() => memoryStore({ maxDurableKeys: 1.5 })).toThrow(/maxDurableKeys/);
    await expect(memoryStore().set('k', 'v', { ttlSeconds: 0 })).rejects.toThrow(/ttlSeconds/);
  });
});
