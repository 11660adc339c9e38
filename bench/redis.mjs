// Redis: the handler and webhook figures of Tollbooth on @tollbooth/redis against a local redis-server, as a
// ratio to the same Tollbooth on the memory store. Run alone: `node bench/redis.mjs`
// (TOLLBOOTH_REDIS_URL, default redis://127.0.0.1:6399; keys under a prefix of this run, removed after).
import { redisStore } from '@tollbooth/redis';
import Redis from 'ioredis';
import { benchTollbooth, roundTrip } from './lib/apps.mjs';
import { signedEvents, webhookRequest } from './lib/events.mjs';
import { pairRows, ROUNDS, ROUTES } from './lib/pairs.mjs';
import { perSecond, report, row } from './lib/report.mjs';
import { indicesUsed, interleave, ratioText } from './lib/stats.mjs';
import { zeroCostStripe } from './lib/zero-stripe.mjs';

const url = process.env.TOLLBOOTH_REDIS_URL ?? 'redis://127.0.0.1:6399';
const prefix = `bench:${process.pid}:${Date.now()}:`;
const TARGET = 0.8;
const title = 'Redis store vs memory store';
const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });

try {
  await client.connect();
} catch {
  report({
    title,
    rows: [
      row('every Redis figure', {
        ours: 'n/a',
        peer: 'n/a',
        ratio: 'n/a',
        target: `≥ ${TARGET}`,
        met: null,
      }),
    ],
    notes: [`n/a: no redis-server at ${url} (start one, e.g. \`redis-server --port 6399\`).`],
  });
  process.exit(0);
}

try {
  const ours = benchTollbooth({ stripe: zeroCostStripe().stripe, store: redisStore({ client, prefix }) });
  const peer = benchTollbooth({ stripe: zeroCostStripe().stripe });
  const rows = await pairRows({
    ours,
    peer,
    peerName: 'memory store',
    routes: ROUTES,
    scale: 0.4,
    minRatio: TARGET,
  });
  const count = 300;
  const events = signedEvents(indicesUsed(count, ROUNDS), 'redis');
  const hook = await interleave({
    ours: (i) => roundTrip(ours, webhookRequest(events[i]), 200),
    peer: (i) => roundTrip(peer, webhookRequest(events[i]), 200),
    count,
    rounds: ROUNDS,
  });
  rows.push(
    row('webhook events/s, sequential', {
      ours: perSecond(hook.ours.perSecond),
      peer: `memory store: ${perSecond(hook.peer.perSecond)}`,
      ratio: ratioText(hook.ratio, hook.spread),
      target: `≥ ${TARGET}`,
      met: hook.ratio >= TARGET,
    }),
  );
  report({
    title,
    rows,
    notes: [
      `Tollbooth on \`redisStore\` (ioredis, redis-server on loopback) ÷ the same config on \`memoryStore()\`, ${ROUNDS} interleaved rounds per row; the round trips to Redis are the cost measured.`,
    ],
  });
} finally {
  // Only this run's keys: the server may be shared with tests and other runs.
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  client.disconnect();
}
