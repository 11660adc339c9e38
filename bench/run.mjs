// `pnpm bench [name…]`: runs every bench (or the named ones), each in a fresh Node process, prints their
// figures and writes them into bench/RESULTS.md. Figures only: nothing here fails on a number (size budgets
// are enforced by size-limit in CI); a bench that crashes is reported and makes the run exit non-zero.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable } from './lib/report.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const resultsFile = join(here, 'RESULTS.md');

/** Every bench, in the order `pnpm bench` runs them and RESULTS.md lists them. */
const BENCHES = [
  'handler',
  'http',
  'webhooks',
  'cold-start',
  'memory',
  'size',
  'payment-form',
  'redis',
  'first-paint',
  'profile',
];

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !BENCHES.includes(name));
if (unknown.length > 0) {
  console.error(`bench: unknown ${unknown.join(', ')}; one of: ${BENCHES.join(', ')}`);
  process.exit(1);
}
if (!['server', 'react', 'redis', 'testing'].every((p) => existsSync(join(root, 'packages', p, 'dist')))) {
  console.error('bench: build first (pnpm build)');
  process.exit(1);
}
const selected = asked.length > 0 ? asked : BENCHES;

const marker = (name) => [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`];
function section(name, result, seconds) {
  const [open, close] = marker(name);
  const body = result.error
    ? `## ${name}\n\n**failed**: ${result.error}`
    : [
        `## ${result.title}`,
        result.rows.length > 0 ? markdownTable(result.rows) : '',
        ...(result.notes ?? []).map((note) => `- ${note}`),
      ]
        .filter(Boolean)
        .join('\n\n');
  return `${open}\n${body}\n\n_\`pnpm bench ${name}\`, ${seconds.toFixed(0)} s, ${new Date().toISOString()}_\n${close}`;
}

function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const header = () =>
  [
    '# Benchmark results',
    '',
    'Written by `pnpm bench` (see [README.md](./README.md) for what each bench measures). Every figure is a',
    'ratio against a peer measured in the same run, taking turns, so a loaded machine moves both sides alike;',
    'absolute figures are only as good as the machine was quiet.',
    '',
    `Last run: ${new Date().toISOString()}, commit ${commit()}, Node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the start.`,
  ].join('\n');

const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
const sections = new Map();
for (const name of BENCHES) {
  const [open, close] = marker(name);
  const start = previous.indexOf(open);
  const end = previous.indexOf(close);
  if (start >= 0 && end > start) sections.set(name, previous.slice(start, end + close.length));
}

// A hand-written block (what a change did to the figures, which guarantee costs what) is kept as it is.
const [notesOpen, notesClose] = marker('notes');
const notesAt = previous.indexOf(notesOpen);
const notesEnd = previous.indexOf(notesClose);
const notes =
  notesAt >= 0 && notesEnd > notesAt ? [previous.slice(notesAt, notesEnd + notesClose.length)] : [];

const tmp = mkdtempSync(join(tmpdir(), 'tollbooth-bench-'));
const started = Date.now();
let failed = 0;
const headerText = header();
try {
  for (const name of selected) {
    const json = join(tmp, `${name}.json`);
    const t0 = Date.now();
    console.log(`\n# ${name}`);
    const run = spawnSync(process.execPath, [join(here, `${name}.mjs`)], {
      cwd: root,
      env: { ...process.env, BENCH_JSON: json },
      stdio: 'inherit',
    });
    let result;
    if (run.status === 0 && existsSync(json)) result = JSON.parse(readFileSync(json, 'utf8'));
    else {
      failed++;
      result = {
        error: `exited with ${run.status ?? run.signal}; run \`node bench/${name}.mjs\` to see why.`,
      };
    }
    sections.set(name, section(name, result, (Date.now() - t0) / 1000));
    const body = BENCHES.filter((n) => sections.has(n)).map((n) => sections.get(n));
    writeFileSync(resultsFile, `${[headerText, ...notes, ...body].join('\n\n')}\n`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(
  `\nbench: ${selected.length} run in ${((Date.now() - started) / 1000).toFixed(0)} s; wrote bench/RESULTS.md`,
);
if (failed > 0) {
  console.error(`bench: ${failed} failed`);
  process.exit(1);
}
