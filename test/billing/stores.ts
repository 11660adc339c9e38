import { redisStore } from '@tollbooth/redis';
import { type KeyValueStore, memoryStore } from '@tollbooth/server';
import Redis from 'ioredis';

const url = process.env.TOLLBOOTH_REDIS_URL ?? 'redis://127.0.0.1:6399';
let client: Redis | null = null;
let runs = 0;

/** One shared ioredis client for the file; `close()` in afterAll. */
export function redis(): Redis {
  client ??= new Redis(url, { maxRetriesPerRequest: 1 });
  return client;
}

/** A store on its own key space, so runs never see each other's keys; `wipe()` deletes exactly those keys. */
export function freshStore(kind: 'memory' | 'redis', now: () => number) {
  if (kind === 'memory') {
    let store = memoryStore({ now });
    const holder: { store: KeyValueStore; wipe(): Promise<void> } = {
      store: delegate(() => store),
      async wipe() {
        store = memoryStore({ now });
      },
    };
    return holder;
  }
  const prefix = `test:billing:${process.pid}:${Date.now()}:${++runs}:`;
  return {
    store: redisStore({ client: redis(), prefix }),
    async wipe() {
      const keys = await redis().keys(`${prefix}*`);
      if (keys.length > 0) await redis().del(...keys);
    },
  };
}

/** A store whose target can be swapped (a wiped memory store is a new one). */
function delegate(target: () => KeyValueStore): KeyValueStore {
  return {
    get: (k) => target().get(k),
    set: (k, v, o) => target().set(k, v, o),
    delete: (k) => target().delete(k),
    increment: (k, t) => target().increment(k, t),
    compareAndSet: (k, e, v, o) => target().compareAndSet(k, e, v, o),
    compareAndDelete: (k, e) => target().compareAndDelete(k, e),
  };
}

export async function closeRedis(): Promise<void> {
  if (client) await client.quit();
  client = null;
}
