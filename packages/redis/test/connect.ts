import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll } from 'vitest';

// .ci/run starts redis-server here; run one yourself with `redis-server --port 6399` to run this suite locally.
export const url = process.env.TOLLBOOTH_REDIS_URL ?? 'redis://127.0.0.1:6399';

/**
 * An ioredis and a node-redis client on the test server, connected before the file's tests and closed after;
 * every key under `prefix` is removed then (the server is shared: never FLUSHALL).
 */
export function connectClients(prefix: string) {
  const io = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const node = createClient({ url });
  beforeAll(async () => {
    await Promise.all([io.connect(), node.connect()]);
  });
  afterAll(async () => {
    const keys = await io.keys(`${prefix}*`);
    if (keys.length > 0) await io.del(...keys);
    await Promise.all([io.quit(), node.quit()]);
  });
  return { io, node };
}
