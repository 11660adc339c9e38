import type { KeyValueStore, SetOptions } from '@tollbooth/server';
import { commandSender, defineScript, type RedisClientLike } from './client';

export type { IoRedisLike, NodeRedisLike, RedisClientLike } from './client';

export interface RedisStoreOptions {
  /**
   * A connected client, passed as it is: an ioredis `Redis` or `Cluster`, or a node-redis (v4+) `createClient()`.
   * Tollbooth never creates, connects or closes it.
   */
  client: RedisClientLike;
  /** Prepended to every key, so one Redis can serve several apps. @default 'tollbooth:' */
  prefix?: string;
}

// INCR and EXPIRE in one step: the window starts with the first hit and a crash between the two commands
// cannot leave a counter that never expires.
const INCREMENT = `local v = redis.call('INCR', KEYS[1])
if v == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return v`;

// GET, compare and write in one step: a lease or a billing record is replaced only by the writer that read it.
const COMPARE_AND_SET = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[3] == '' then redis.call('SET', KEYS[1], ARGV[2]) else redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) end
return 1`;

const COMPARE_AND_DELETE = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1`;

/** A `KeyValueStore` on Redis, for deployments with more than one server instance. */
export function redisStore(options: RedisStoreOptions): KeyValueStore {
  const send = commandSender(options);
  const prefix = options.prefix ?? 'tollbooth:';
  const k = (key: string) => prefix + key;
  // Sent by SHA (EVALSHA), not whole on every call: the rate limit runs one on every counted request.
  const increment = defineScript(send, INCREMENT);
  const compareAndSet = defineScript(send, COMPARE_AND_SET);
  const compareAndDelete = defineScript(send, COMPARE_AND_DELETE);

  return {
    async get(key) {
      const value = await send('GET', [k(key)]);
      return typeof value === 'string' ? value : null;
    },

    async set(key: string, value: string, setOptions: SetOptions = {}) {
      const args: (string | number)[] = [];
      if (setOptions.ttlSeconds !== undefined) args.push('EX', wholeSeconds(setOptions.ttlSeconds));
      if (setOptions.ifAbsent) args.push('NX');
      // SET … NX answers null when the key exists; SET without NX always answers OK.
      return (await send('SET', [k(key), value, ...args])) === 'OK';
    },

    async delete(key) {
      await send('DEL', [k(key)]);
    },

    async compareAndSet(key, expected, value, setOptions = {}) {
      const ttl = setOptions.ttlSeconds === undefined ? '' : wholeSeconds(setOptions.ttlSeconds);
      return Number(await compareAndSet([k(key)], [expected, value, ttl])) === 1;
    },

    async compareAndDelete(key, expected) {
      return Number(await compareAndDelete([k(key)], [expected])) === 1;
    },

    async increment(key, ttlSeconds) {
      return Number(await increment([k(key)], [wholeSeconds(ttlSeconds)]));
    },
  };
}

function wholeSeconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new RangeError(`ttlSeconds must be a positive number, got ${seconds}`);
  return Math.ceil(seconds);
}
