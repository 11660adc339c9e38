// Handler overhead over real HTTP: Tollbooth's catch-all route and the hand-written Route Handlers in one
// Next.js app under `next start`, loaded by autocannon on 127.0.0.1, taking turns. Run alone: `node bench/http.mjs`.
import autocannon from 'autocannon';
import { ORIGIN } from './lib/apps.mjs';
import { startNextApp } from './lib/next-app.mjs';
import { ms, perSecond, report, row } from './lib/report.mjs';
import { median, ratioText } from './lib/stats.mjs';

const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 4);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 1.5);
const CONNECTIONS = 16;
const post = (cookie) => ({
  method: 'POST',
  headers: {
    origin: ORIGIN,
    'content-type': 'application/json',
    'idempotency-key': 'bench-http',
    ...(cookie && { cookie }),
  },
  body: JSON.stringify({ items: [{ price: 'basic', quantity: 1 }] }),
});
const ROUTES = [
  {
    name: 'POST /payment-intents',
    ours: '/api/tollbooth/payment-intents',
    peer: '/api/peer/payment-intents',
    init: post('sid=s_customer'),
    status: 200,
  },
  {
    name: 'GET /catalog (cached)',
    ours: '/api/tollbooth/catalog',
    peer: '/api/peer/catalog',
    init: { method: 'GET' },
    status: 200,
  },
  {
    name: 'POST /payment-intents, no session (401)',
    ours: '/api/tollbooth/payment-intents',
    peer: '/api/peer/payment-intents',
    init: post(null),
    status: 401,
  },
];

/** One autocannon run; every answer must carry the route's expected status, or the figure is of something else. */
async function load(url, { status, ...init }, seconds) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, ...init });
  const statuses = Object.keys(result.statusCodeStats ?? {});
  if (result.errors > 0 || statuses.some((code) => code !== String(status))) {
    throw new Error(
      `bench: ${url} answered ${statuses.join(', ')} (${result.errors} errors), expected ${status}`,
    );
  }
  return { perSecond: result.requests.total / (result.duration || seconds), p99: result.latency.p99 };
}

const app = await startNextApp();
const rows = [];
try {
  for (const route of ROUTES) {
    const init = { ...route.init, status: route.status };
    const seen = { ours: [], peer: [] };
    const p99 = { ours: [], peer: [] };
    await load(app.url + route.ours, init, SECONDS);
    await load(app.url + route.peer, init, SECONDS);
    for (let r = 0; r < ROUNDS; r++) {
      for (const side of r % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours']) {
        const run = await load(app.url + route[side], init, SECONDS);
        seen[side].push(run.perSecond);
        p99[side].push(run.p99);
      }
    }
    const ratios = seen.ours.map((v, i) => v / seen.peer[i]);
    const ratio = median(ratios);
    const p99Ratio = median(p99.ours) / median(p99.peer);
    rows.push(
      row(`${route.name} over HTTP, ${CONNECTIONS} connections`, {
        ours: `${perSecond(median(seen.ours))}, p99 ${ms(median(p99.ours))}`,
        peer: `hand-written: ${perSecond(median(seen.peer))}, p99 ${ms(median(p99.peer))}`,
        ratio: `${ratioText(ratio, [Math.min(...ratios), Math.max(...ratios)])}; p99 ${p99Ratio.toFixed(2)}×`,
        target: '≥ 0.95; p99 ≤ 1.1×',
        met: ratio >= 0.95 && p99Ratio <= 1.1,
      }),
    );
  }
} finally {
  await app.stop();
}

report({
  title: 'Handler overhead over HTTP (`next start`, autocannon)',
  rows,
  notes: [
    `One Next.js app (bench/next-app) serves both: Tollbooth through \`createRouteHandlers\` and the hand-written Route Handlers, on the zero-cost Stripe. autocannon in the bench process, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per side taking turns; p99 is the median of the rounds' p99. The load generator shares the machine with the server, equally for both sides.`,
  ],
});
