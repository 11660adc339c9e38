import { memoryStore } from '@tollbooth/server';
import { describe, expect, it } from 'vitest';
import { redisStore } from '../src/index';
import { connectClients, url } from './connect';

const prefix = `test:${process.pid}:${Date.now()}:`;
const { io: client, node: nodeClient } = connectClients(prefix);

// The same behaviour is required of the embedded store and the Redis store on either client: the server relies on it.
describe.each([
  ['redisStore on ioredis', () => redisStore({ client, prefix })],
  ['redisStore on node-redis', () => redisStore({ client: nodeClient, prefix: `${prefix}node:` })],
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

describe.each([
  ['ioredis', `${prefix}wire-io:`, () => redisStore({ client, prefix: `${prefix}wire-io:` })],
  [
    'node-redis',
    `${prefix}wire-node:`,
    () => redisStore({ client: nodeClient, prefix: `${prefix}wire-node:` }),
  ],
])('redisStore on the wire (%s)', (_, p, makeStore) => {
  const store = makeStore();

  it('prefixes keys and sets expiry with the value', async () => {
    await store.set('claim:evt_1', '1', { ttlSeconds: 120 });
    expect(await client.get(`${p}claim:evt_1`)).toBe('1');
    const ttl = await client.ttl(`${p}claim:evt_1`);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it('starts a rate-limit window on the first hit only', async () => {
    await store.increment('rl:u1', 60);
    await client.expire(`${p}rl:u1`, 30);
    await store.increment('rl:u1', 60);
    expect(await client.ttl(`${p}rl:u1`)).toBeLessThanOrEqual(30);
  });

  it('sets the expiry with a compare-and-set, and keeps none when none is given', async () => {
    await store.set('cas:ttl', 'a');
    expect(await store.compareAndSet('cas:ttl', 'a', 'b', { ttlSeconds: 90 })).toBe(true);
    const ttl = await client.ttl(`${p}cas:ttl`);
    expect(ttl).toBeGreaterThan(60);
    expect(ttl).toBeLessThanOrEqual(90);
    expect(await store.compareAndSet('cas:ttl', 'b', 'c')).toBe(true);
    expect(await client.ttl(`${p}cas:ttl`)).toBe(-1);
  });

  it('refuses a TTL that is not a positive number', async () => {
    await expect(store.set('bad', 'x', { ttlSeconds: 0 })).rejects.toThrow(/ttlSeconds/);
    await expect(store.increment('bad', Number.NaN)).rejects.toThrow(/ttlSeconds/);
  });
});

describe('redisStore refuses what is not `{ client }`, at construction', () => {
  it.each([
    ['an ioredis client passed bare', () => client],
    ['a node-redis client passed bare', () => nodeClient],
    ['no options', () => undefined],
    ['options without a client', () => ({ prefix })],
    ['a URL as the client', () => ({ client: url })],
    ['a client with neither call nor sendCommand', () => ({ client: { get: async () => null } })],
  ])('%s → a clear error', (_, make) => {
    expect(() => redisStore(make() as never)).toThrow(/redisStore\(\{ client \}\)/);
  });
  it('a prefix that is not a string is refused', () => {
    expect(() => redisStore({ client, prefix: 5 as never })).toThrow(/prefix/);
  });
});
