// Where POST /payment-intents spends its time: a `--cpu-prof` run of that path alone, summarised as the
// functions with the most self time and the time per package. Run alone: `node bench/profile.mjs`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from './lib/report.mjs';

const COUNT = Number(process.env.BENCH_PROFILE_REQUESTS ?? 5000);
const TOP = 15;
const child = fileURLToPath(new URL('./lib/profile-child.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tollbooth-prof-'));
let profile;
let steadyFrom;
try {
  steadyFrom = Number(
    execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, child, String(COUNT)], {
      encoding: 'utf8',
    }),
  );
  profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Self time per node: the samples that landed on it, each worth the time to the next sample.
const self = new Map();
const deltas = profile.timeDeltas;
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += deltas[i];
  if (at < steadyFrom) continue; // start-up and warm-up
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** `@tollbooth/server`, `stripe`, `node:internal`…: where a function's code lives. */
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

const byFunction = new Map();
const byPackage = new Map();
for (const node of profile.nodes) {
  const t = self.get(node.id) ?? 0;
  if (t === 0) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url ? `${url.split('/').at(-1)}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${file ? `(${packageOf(url)} ${file})` : ''}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + t);
  const pkg = packageOf(url);
  const group = ['(idle)', '(garbage collector)', '(program)'].includes(functionName) ? functionName : pkg;
  byPackage.set(group, (byPackage.get(group) ?? 0) + t);
}
// Node's and V8's frames charged to the nearest caller in package code: `sha256Hex` waiting on
// `crypto.subtle`, `new Headers` copying, an Error capturing its stack… name the line to change.
const parent = new Map();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node);
const isPackageCode = (node) => /node_modules|packages\/|\/bench\//.test(node.callFrame.url);
const frameName = (node) =>
  `${node.callFrame.functionName || '(anonymous)'} (${packageOf(node.callFrame.url)} ${node.callFrame.url.split('/').at(-1)}:${node.callFrame.lineNumber + 1})`;
const byCaller = new Map();
for (const node of profile.nodes) {
  const t = self.get(node.id) ?? 0;
  if (t === 0 || isPackageCode(node) || !node.callFrame.url) continue;
  let up = parent.get(node.id);
  while (up && !isPackageCode(up)) up = parent.get(up.id);
  // The harness's own frames (building requests, reading responses) are paid by every side alike.
  if (!up || packageOf(up.callFrame.url) === 'bench harness') continue;
  const key = `${frameName(up)} → ${node.callFrame.functionName || '(anonymous)'}`;
  byCaller.set(key, (byCaller.get(key) ?? 0) + t);
}
const pct = (t) => `${((t / total) * 100).toFixed(1)} %`;
const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);

report({
  title: `CPU profile of POST /payment-intents (${COUNT} sequential requests after a warm-up, --cpu-prof)`,
  rows: [],
  notes: [
    `By package (self time): ${sorted(byPackage)
      .slice(0, 8)
      .map(([k, t]) => `${k} ${pct(t)}`)
      .join(', ')}.`,
    `Top ${TOP} functions by self time: ${sorted(byFunction)
      .slice(0, TOP)
      .map(([k, t]) => `\`${k}\` ${pct(t)}`)
      .join('; ')}.`,
    `Node internals charged to the package frame that called them: ${sorted(byCaller)
      .slice(0, 10)
      .map(([k, t]) => `\`${k}\` ${pct(t)}`)
      .join('; ')}.`,
    '`(idle)` is time the thread waited with nothing to run: in this in-process setup nothing is on the network, so idle is time spent waiting on work handed off the main thread (Web Crypto digests run on a worker pool and resolve a promise later).',
  ],
});
