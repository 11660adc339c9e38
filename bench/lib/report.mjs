// One shape for every bench's result, printed as a table and, under `pnpm bench`, handed to bench/run.mjs
// (through the file named by BENCH_JSON) to be written into RESULTS.md.
import { writeFileSync } from 'node:fs';

/**
 * @typedef {object} Row
 * @property {string} figure what is measured
 * @property {string} ours Tollbooth's figure
 * @property {string} peer what it is compared with, and its figure
 * @property {string} ratio Tollbooth ÷ peer (median of rounds, with spread) or the figure the target is on
 * @property {string} target
 * @property {boolean | null} met null when there is nothing to judge (n/a)
 */

/** One figure beside its peer and target; `met` is judged by the bench, which knows the target's direction. */
export function row(figure, { ours, peer, ratio, target, met }) {
  return { figure, ours, peer, ratio, target, met };
}

export function markdownTable(rows) {
  const verdict = (met) => (met === null ? 'n/a' : met ? 'meets' : '**misses**');
  const lines = [
    '| figure | Tollbooth | peer | ratio | target | |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${[r.figure, r.ours, r.peer, r.ratio, r.target, verdict(r.met)].join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** Prints a bench's result and passes it to `pnpm bench` when run under it. */
export function report(result) {
  console.log(`\n## ${result.title}\n`);
  if (result.rows.length > 0) console.log(markdownTable(result.rows));
  for (const note of result.notes ?? []) console.log(`\n- ${note}`);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(result));
}

export const perSecond = (v) => `${Math.round(v).toLocaleString('en-US')}/s`;
export const ms = (v) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
