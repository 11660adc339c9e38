import { describe, expect, it } from 'vitest';
import type { RedisClientLike } from '../src/index';
import { redisStore } from '../src/index';
import { connectClients } from './connect';

// The scripts (rate-limit counter, compare-and-set, compare-and-delete) go by SHA on a real redis-server. Nothing
// here flushes the server's script cache (it is shared): a NOSCRIPT is provoked by a SHA the server never saw.
const prefix = `test:scripts:${process.pid}:${Date.now()}:`;
const { io, node } = connectClients(prefix);

/** What a wrapper does with SCRIPT LOAD: pass it on, answer a SHA the server does not hold, or refuse it. */
type Load = 'real' | 'unknown sha' | 'refused';
const UNKNOWN_SHA = 'f'.repeat(40);

/** A client of the given kind that records each command's name and can stand in for SCRIPT LOAD. */
function recording(kind: 'ioredis' | 'node-redis', load: Load): { client: RedisClientLike; sent: string[] } {
  const sent: string[] = [];
  const intercept = (command: string): Promise<unknown> | null => {
    sent.push(command.toUpperCase());
    if (command.toUpperCase() !== 'SCRIPT' || load === 'real') return null;
    return load === 'refused'
      ? Promise.reject(new Error("NOPERM this user has no permissions to run the 'script|load' command"))
      : Promise.resolve(UNKNOWN_SHA);
  };
  const client: RedisClientLike =
    kind === 'ioredis'
      ? { call: (command, ...args) => intercept(command) ?? io.call(command, ...args) }
      : { sendCommand: (args) => intercept(args[0] as string) ?? node.sendCommand(args) };
  return { client, sent };
}

const count = (sent: string[], command: string) => sent.filter((c) => c === command).length;

describe.each(['ioredis', 'node-redis'] as const)('Lua scripts by SHA on %s', (kind) => {
  let n = 0;
  const keyPrefix = () => `${prefix}${kind}:${++n}:`;

  it('loads each script once, even for parallel first calls, then sends only EVALSHA', async () => {
    const { client, sent } = recording(kind, 'real');
    const store = redisStore({ client, prefix: keyPrefix() });
    const first = await Promise.all(Array.from({ length: 10 }, () => store.increment('rl:a', 60)));
    expect(first.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (let i = 11; i <= 15; i++) expect(await store.increment('rl:a', 60)).toBe(i);
    await store.set('lease', 'a');
    expect(await store.compareAndSet('lease', 'a', 'b')).toBe(true);
    expect(await store.compareAndDelete('lease', 'a')).toBe(false);
    expect(await store.compareAndDelete('lease', 'b')).toBe(true);
    // One SCRIPT LOAD per script (increment, compare-and-set, compare-and-delete); no script was sent whole.
    expect(count(sent, 'SCRIPT')).toBe(3);
    expect(count(sent, 'EVAL')).toBe(0);
    expect(count(sent, 'EVALSHA')).toBe(18);
  });

  it('sends the script whole when the server answers NOSCRIPT, and keeps every answer right', async () => {
    const { client, sent } = recording(kind, 'unknown sha');
    const p = keyPrefix();
    const store = redisStore({ client, prefix: p });
    expect(await store.increment('rl:b', 60)).toBe(1);
    expect(await store.increment('rl:b', 60)).toBe(2);
    expect(await io.ttl(`${p}rl:b`)).toBeGreaterThan(0);
    await store.set('lease', 'a');
    expect(await store.compareAndSet('lease', 'x', 'b')).toBe(false);
    expect(await store.compareAndSet('lease', 'a', 'b', { ttlSeconds: 30 })).toBe(true);
    expect(await io.get(`${p}lease`)).toBe('b');
    expect(await store.compareAndDelete('lease', 'b')).toBe(true);
    expect(await io.get(`${p}lease`)).toBeNull();
    // Each call tried the SHA, met NOSCRIPT, and fell back to EVAL.
    expect(count(sent, 'EVALSHA')).toBe(5);
    expect(count(sent, 'EVAL')).toBe(5);
  });

  it('uses EVAL from then on when SCRIPT LOAD is refused', async () => {
    const { client, sent } = recording(kind, 'refused');
    const store = redisStore({ client, prefix: keyPrefix() });
    for (let i = 1; i <= 3; i++) expect(await store.increment('rl:c', 60)).toBe(i);
    expect(count(sent, 'SCRIPT')).toBe(1);
    expect(count(sent, 'EVALSHA')).toBe(0);
    expect(count(sent, 'EVAL')).toBe(3);
  });

  it('passes on errors other than NOSCRIPT', async () => {
    const { client } = recording(kind, 'real');
    const p = keyPrefix();
    const store = redisStore({ client, prefix: p });
    await io.set(`${p}rl:text`, 'not a number');
    await expect(store.increment('rl:text', 60)).rejects.toThrow(/not an integer/);
  });
});
