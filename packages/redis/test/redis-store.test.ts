import { memoryStore } from '@tollbooth/server';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisStore } from '../src/index';

// .ci/run starts redis-server here; run one yourself with `redis-server --port 6399` to run this suite locally.
const url = process.env.TOLLBOOTH_REDIS_URL ?? 'redis://127.0.0.1:6399';
const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
const prefix = `test:${process.pid}:${Date.now()}:`;

beforeAll(async () => {
  await client.connect();
});
afterAll(async () => {
  const keys = await client.keys(`${prefix}*`);
  if (keys.length > 0) await client.del(...keys);
  await client.quit();
});

// The same behaviour is required of the embedded store and the Redis store: the server relies on it.
describe.each([
  ['redisStore', () => redisStore({ client, prefix })],
  ['memoryStore', () => memoryStore()],
])('%s', (_, makeStore) => {
  const store = makeStore();
  let n = 0;
  const key = () => `k${++n}:${Math.random().toString(36).slice(2)}`;

  it('reads back what it wrote and forgets what it deleted', async () => {
    const k = key();
    expect(await store.get(k)).toBeNull();
    expect(await store.set(k, 'cus_123')).toBe(true);
    expect(await store.get(k)).toBe('cus_123');
    expect(await store.set(k, 'cus_456')).toBe(true);
    expect(await store.get(k)).toBe('cus_456');
    await store.delete(k);
    expect(await store.get(k)).toBeNull();
  });

  it('lets exactly one of many parallel ifAbsent writers claim a key', async () => {
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => store.set(k, `claim-${i}`, { ifAbsent: true, ttlSeconds: 60 })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await store.get(k)).toBe(`claim-${winner}`);
    await store.delete(k);
    expect(await store.set(k, 'again', { ifAbsent: true })).toBe(true);
  });

  it('compares and sets atomically: of many writers holding one expected value, one wins', async () => {
    const k = key();
    expect(await store.compareAndSet(k, 'v0', 'v1')).toBe(false);
    await store.set(k, 'v0');
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => store.compareAndSet(k, 'v0', `w${i}`, { ttlSeconds: 60 })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.get(k)).toBe(`w${results.indexOf(true)}`);
    expect(await store.compareAndSet(k, 'v0', 'late')).toBe(false);
  });

  it('compares and deletes: only the holder of the expected value releases the key', async () => {
    const k = key();
    await store.set(k, 'lease-a');
    expect(await store.compareAndDelete(k, 'lease-b')).toBe(false);
    expect(await store.get(k)).toBe('lease-a');
    expect(await store.compareAndDelete(k, 'lease-a')).toBe(true);
    expect(await store.get(k)).toBeNull();
    expect(await store.compareAndDelete(k, 'lease-a')).toBe(false);
  });

  it('counts parallel increments without losing one', async () => {
    const k = key();
    const values = await Promise.all(Array.from({ length: 30 }, () => store.increment(k, 60)));
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });
});

describe('redisStore on the wire', () => {
  const store = redisStore({ client, prefix });

  it('prefixes keys and sets expiry with the value', async () => {
    await store.set('claim:evt_1', '1', { ttlSeconds: 120 });
    expect(await client.get(`${prefix}claim:evt_1`)).toBe('1');
    const ttl = await client.ttl(`${prefix}claim:evt_1`);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it('starts a rate-limit window on the first hit only', async () => {
    await store.increment('rl:u1', 60);
    await client.expire(`${prefix}rl:u1`, 30);
    await store.increment('rl:u1', 60);
    expect(await client.ttl(`${prefix}rl:u1`)).toBeLessThanOrEqual(30);
  });

  it('sets the expiry with a compare-and-set, and keeps none when none is given', async () => {
    await store.set('cas:ttl', 'a');
    expect(await store.compareAndSet('cas:ttl', 'a', 'b', { ttlSeconds: 90 })).toBe(true);
    const ttl = await client.ttl(`${prefix}cas:ttl`);
    expect(ttl).toBeGreaterThan(60);
    expect(ttl).toBeLessThanOrEqual(90);
    expect(await store.compareAndSet('cas:ttl', 'b', 'c')).toBe(true);
    expect(await client.ttl(`${prefix}cas:ttl`)).toBe(-1);
  });

  it('refuses a TTL that is not a positive number', async () => {
    await expect(store.set('bad', 'x', { ttlSeconds: 0 })).rejects.toThrow(/ttlSeconds/);
    await expect(store.increment('bad', Number.NaN)).rejects.toThrow(/ttlSeconds/);
  });
});
