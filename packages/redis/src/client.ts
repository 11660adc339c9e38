/** An ioredis `Redis` or `Cluster`: commands go through `call(command, ...args)`. */
export interface IoRedisLike {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}

/** A node-redis (v4 and later) client from `createClient()`: commands go through `sendCommand([command, ...args])`. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** Either client, passed as it is: the store tells them apart and calls each its own way. */
export type RedisClientLike = IoRedisLike | NodeRedisLike;

/** Sends one command with its arguments as separate words (never one joined string). */
export type SendCommand = (command: string, args: (string | number)[]) => Promise<unknown>;

const USAGE =
  'pass the client as redisStore({ client }) (an ioredis client, or a connected node-redis createClient())';

const isFunction = (value: unknown, key: string): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>)[key] === 'function';

/**
 * Finds how to talk to the client, at construction: a wrong argument is a clear error here rather than a 500 on
 * every request. ioredis is recognised by `call` (it also has a `sendCommand`, which takes a Command object);
 * node-redis by `sendCommand` alone.
 */
export function commandSender(options: unknown): SendCommand {
  if (isFunction(options, 'call') || isFunction(options, 'sendCommand')) {
    throw new TypeError(`Tollbooth: redisStore was given a Redis client itself: ${USAGE}.`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`Tollbooth: redisStore needs options: ${USAGE}.`);
  }
  const { client, prefix } = options as { client?: unknown; prefix?: unknown };
  if (prefix !== undefined && typeof prefix !== 'string') {
    throw new TypeError('Tollbooth: redisStore({ client, prefix }): prefix must be a string.');
  }
  if (isFunction(client, 'call')) {
    const io = client as IoRedisLike;
    return (command, args) => io.call(command, ...args);
  }
  if (isFunction(client, 'sendCommand')) {
    const node = client as NodeRedisLike;
    // node-redis takes every word as a string, the command first.
    return (command, args) => node.sendCommand([command, ...args.map(String)]);
  }
  throw new TypeError(`Tollbooth: redisStore({ client }): client is not a Redis client; ${USAGE}.`);
}

/** Runs one Lua script with its keys and arguments; the answer is the script's reply. */
export type RunScript = (keys: string[], args: (string | number)[]) => Promise<unknown>;

/** A NOSCRIPT reply: this server does not hold the script (SCRIPT FLUSH, a restart, a failover, a Cluster node). */
function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

/**
 * A script sent by its SHA1, not whole on every call: `SCRIPT LOAD` once (the first call, shared by the calls
 * running alongside it), then `EVALSHA`. A server that answers NOSCRIPT gets the script whole with `EVAL`, which
 * also caches it there, so the next `EVALSHA` finds it. Should `SCRIPT LOAD` be refused (an ACL without SCRIPT),
 * the script is sent with `EVAL` from then on: slower, never wrong. Works the same on both clients, since both
 * go through `send`.
 */
export function defineScript(send: SendCommand, source: string): RunScript {
  let sha: Promise<string | null> | undefined;
  const load = () =>
    send('SCRIPT', ['LOAD', source]).then(
      (reply) => (typeof reply === 'string' ? reply : null),
      () => null,
    );
  return async (keys, args) => {
    sha ??= load();
    const digest = await sha;
    if (digest !== null) {
      try {
        return await send('EVALSHA', [digest, keys.length, ...keys, ...args]);
      } catch (error) {
        if (!isNoScript(error)) throw error;
      }
    }
    return send('EVAL', [source, keys.length, ...keys, ...args]);
  };
}
