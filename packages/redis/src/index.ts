import type { KeyValueStore, SetOptions } from '@tollbooth/server';
import { commandSender, type RedisClientLike } from './client';

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

/** A `KeyValueStore` on Redis, for deployments with more than one server instance. */
export function redisStore(options: RedisStoreOptions): KeyValueStore {
  const send = commandSender(options);
  const prefix = options.prefix ?? 'tollbooth:';
  const k = (key: string) => prefix + key;

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

    async increment(key, ttlSeconds) {
      return Number(await send('EVAL', [INCREMENT, 1, k(key), wholeSeconds(ttlSeconds)]));
    },
  };
}

function wholeSeconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new RangeError(`ttlSeconds must be a positive number, got ${seconds}`);
  return Math.ceil(seconds);
}
