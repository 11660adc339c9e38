// Where the handler spends its time: a `--cpu-prof` run of one route at a time in steady state, summarised as
// self time per package and per function, and Node's internals charged to the package frame that called
// them. POST /payment-intents in full, the 401 path and the cached catalog in brief.
// Run alone: `node bench/profile.mjs`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from './lib/report.mjs';

const COUNT = Number(process.env.BENCH_PROFILE_REQUESTS ?? 5000);
const child = fileURLToPath(new URL('./lib/profile-child.mjs', import.meta.url));
const IDLE = ['(idle)', '(garbage collector)', '(program)'];

/** A `--cpu-prof` profile of `count` requests of `route`, and the moment (µs) its steady state began. */
function record(route, count) {
  const dir = mkdtempSync(join(tmpdir(), 'tollbooth-prof-'));
  try {
    const steadyFrom = Number(
      execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, child, route, String(count)], {
        encoding: 'utf8',
      }),
    );
    return { profile: JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8')), steadyFrom };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `@tollbooth/server`, `stripe`, `node internals`…: where a function's code lives. */
function packageOf(url) {
  if (!url) return '(native / V8)';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /packages\/([^/]+)\//.exec(url);
  if (own) return `@tollbooth/${own[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/bench/')) return 'bench harness';
  return url;
}
const isPackageCode = (node) => /node_modules|packages\/|\/bench\//.test(node.callFrame.url);
const frameName = ({ callFrame: f }) =>
  `${f.functionName || '(anonymous)'}${f.url ? ` (${packageOf(f.url)} ${f.url.split('/').at(-1)}:${f.lineNumber + 1})` : ''}`;

/** Self time by package, by function, and by calling package frame for Node's and V8's own frames. */
function summarise({ profile, steadyFrom }) {
  // Each sample is worth the time to the next one; samples before the mark are start-up and warm-up.
  const self = new Map();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (at < steadyFrom) continue;
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const parent = new Map();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node);
  const add = (map, key, t) => map.set(key, (map.get(key) ?? 0) + t);
  const byPackage = new Map();
  const byFunction = new Map();
  const byCaller = new Map();
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    if (t === 0) continue;
    const { functionName, url } = node.callFrame;
    add(byPackage, IDLE.includes(functionName) ? functionName : packageOf(url), t);
    add(byFunction, frameName(node), t);
    if (isPackageCode(node) || !url) continue;
    // `sha256Hex` waiting on `crypto.subtle`, `new Headers` copying, an Error capturing its stack: the line to
    // change is the package frame above the internal one. The harness's own frames are paid by every side.
    let up = parent.get(node.id);
    while (up && !isPackageCode(up)) up = parent.get(up.id);
    if (up && packageOf(up.callFrame.url) !== 'bench harness')
      add(byCaller, `${frameName(up)} → ${functionName || '(anonymous)'}`, t);
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => `\`${k}\` ${((t / total) * 100).toFixed(1)} %`)
      .join('; ');
  return {
    byPackage: (n) => top(byPackage, n),
    byFunction: (n) => top(byFunction, n),
    byCaller: (n) => top(byCaller, n),
  };
}

const pi = summarise(record('payment-intents', COUNT));
const refused = summarise(record('unauthenticated', COUNT));
const catalog = summarise(record('catalog', COUNT));
report({
  title: `CPU profiles (${COUNT} sequential requests per route after a warm-up, --cpu-prof)`,
  rows: [],
  notes: [
    `POST /payment-intents, self time by package: ${pi.byPackage(8)}.`,
    `POST /payment-intents, top functions by self time: ${pi.byFunction(15)}.`,
    `POST /payment-intents, Node internals charged to the package frame that called them: ${pi.byCaller(10)}.`,
    `401 path, by package: ${refused.byPackage(6)}; top functions: ${refused.byFunction(8)}; internals by caller: ${refused.byCaller(6)}.`,
    `GET /catalog (cached), by package: ${catalog.byPackage(6)}; top functions: ${catalog.byFunction(8)}; internals by caller: ${catalog.byCaller(6)}.`,
    '`(idle)` is time the thread had nothing to run: nothing here is on the network, so it is waiting on work handed off the main thread (Web Crypto digests run on a worker pool and resolve a promise later). Frames name the built `dist/index.js` line; the function names match `packages/server/src`.',
  ],
});
