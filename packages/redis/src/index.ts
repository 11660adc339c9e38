import type { KeyValueStore, SetOptions } from '@tollbooth/server';

/**
 * The Redis commands the store uses. An `ioredis` client (`new Redis(url)`) or `Cluster` fits as it is; for
 * another client, pass an object with these four methods.
 */
export interface RedisClientLike {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ...args: (string | number)[]): Promise<unknown>;
  del(key: string): Promise<number>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** A connected client; Tollbooth never creates or closes it. */
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
  const { client } = options;
  const prefix = options.prefix ?? 'tollbooth:';
  const k = (key: string) => prefix + key;

  return {
    get: (key) => client.get(k(key)),

    async set(key: string, value: string, setOptions: SetOptions = {}) {
      const args: (string | number)[] = [];
      if (setOptions.ttlSeconds !== undefined) args.push('EX', wholeSeconds(setOptions.ttlSeconds));
      if (setOptions.ifAbsent) args.push('NX');
      // SET … NX answers null when the key exists; SET without NX always answers OK.
      return (await client.set(k(key), value, ...args)) === 'OK';
    },

    async delete(key) {
      await client.del(k(key));
    },

    async increment(key, ttlSeconds) {
      return Number(await client.eval(INCREMENT, 1, k(key), wholeSeconds(ttlSeconds)));
    },
  };
}

function wholeSeconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new RangeError(`ttlSeconds must be a positive number, got ${seconds}`);
  return Math.ceil(seconds);
}
