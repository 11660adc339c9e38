/**
 * The suite's figures. Each test file runs in its own worker, so each keeps its own tally here; the setup file
 * writes it to the directory the global setup provided, and the global setup sums and prints them at the end.
 */

/** Every figure the table shows. All but `cases` must end at 0. */
export const FIGURES = {
  cases: 'cases run',
  unauthorizedSuccess: 'unauthorized successes (2xx on a denied case)',
  deniedStripeWrite: 'Stripe writes on a denied case',
  leak: 'leaks (secrets, foreign client secrets, stacks, paths, raw Stripe errors)',
  badInput5xx: '5xx on bad input',
  duplicateSideEffect: 'duplicate side effects',
  refundInvariant: 'refund-invariant violations',
  contract: 'contract violations (error shape, x-request-id, cache-control)',
  offOrigin: 'redirects or origins off the configured origins (Host, X-Forwarded-Host, encoded paths)',
  limitDodged: 'anonymous creations past a limit (rotated addresses, IPv6 /64, the ceiling)',
  unboundedStripe: 'Stripe calls a caller without the right caused past a bound (forged sessions, reads)',
  refundCapBeaten: 'refund caps beaten (split or parallel refunds past the policy total)',
  misshapenIdSent: 'ids of the wrong shape sent on to Stripe (a client secret as an id …)',
  unsafeConfig: 'unsafe configurations accepted (no origins in production, timer overflow, wrong store)',
} as const;

export type FigureKey = keyof typeof FIGURES;

/** What was scanned for leaks, by artefact kind (`responses`, `log lines`, `bundle files` …). */
export type Scanned = Record<string, number>;

export interface FileFigures {
  file: string;
  counts: Record<FigureKey, number>;
  /** One line per violation, so the report can name every failing case. */
  details: { figure: FigureKey; detail: string }[];
  scanned: Scanned;
  /** Bundle directories that were present and scanned, and those that did not exist yet. */
  artefacts: { scanned: string[]; missing: string[] };
}

const state: FileFigures = {
  file: '',
  counts: Object.fromEntries(Object.keys(FIGURES).map((k) => [k, 0])) as Record<FigureKey, number>,
  details: [],
  scanned: {},
  artefacts: { scanned: [], missing: [] },
};

/** Adds one violation (or one case, for `cases`) to this file's tally. */
export function record(figure: FigureKey, detail = ''): void {
  state.counts[figure] += 1;
  if (figure !== 'cases') state.details.push({ figure, detail: `${currentCase}: ${detail}` });
}

/** Counts artefacts of one kind as scanned. */
export function scanned(kind: string, count = 1): void {
  state.scanned[kind] = (state.scanned[kind] ?? 0) + count;
}

export function artefact(dir: string, present: boolean): void {
  (present ? state.artefacts.scanned : state.artefacts.missing).push(dir);
}

let currentCase = '';
/** Set by the setup file before each test, so each violation names its case. */
export function setCurrentCase(name: string): void {
  currentCase = name;
}

export function snapshot(file: string): FileFigures {
  return { ...state, file };
}

/** The violations counted so far in this file, for a test that asserts its own figure is 0. */
export function count(figure: FigureKey): number {
  return state.counts[figure];
}

/** Sums the tallies of every file. */
export function sum(files: FileFigures[]): FileFigures {
  const total: FileFigures = {
    file: 'all',
    counts: Object.fromEntries(Object.keys(FIGURES).map((k) => [k, 0])) as Record<FigureKey, number>,
    details: [],
    scanned: {},
    artefacts: { scanned: [], missing: [] },
  };
  for (const f of files) {
    for (const key of Object.keys(FIGURES) as FigureKey[]) total.counts[key] += f.counts[key];
    total.details.push(...f.details.map((d) => ({ ...d, detail: `[${f.file}] ${d.detail}` })));
    for (const [k, v] of Object.entries(f.scanned)) total.scanned[k] = (total.scanned[k] ?? 0) + v;
    total.artefacts.scanned.push(...f.artefacts.scanned);
    total.artefacts.missing.push(...f.artefacts.missing);
  }
  return total;
}

/** The table printed at the end of the run. */
export function formatTable(total: FileFigures): string {
  const rows = (Object.keys(FIGURES) as FigureKey[]).map((key) => {
    const ok = key === 'cases' ? '' : total.counts[key] === 0 ? 'ok' : 'FAIL';
    return `| ${FIGURES[key].padEnd(92)} | ${String(total.counts[key]).padStart(6)} | ${ok.padEnd(4)} |`;
  });
  const scannedLine = Object.entries(total.scanned)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  const lines = [
    '',
    'Tollbooth security suite: figures',
    `| ${'figure'.padEnd(92)} | ${'count'.padStart(6)} | goal |`,
    `|${'-'.repeat(94)}|${'-'.repeat(8)}|------|`,
    ...rows,
    '',
    `Scanned for leaks: ${scannedLine || 'nothing'}`,
    `Bundle artefacts scanned: ${[...new Set(total.artefacts.scanned)].join(', ') || 'none'}`,
    `Bundle artefacts not present (skipped): ${[...new Set(total.artefacts.missing)].join(', ') || 'none'}`,
  ];
  if (total.details.length > 0) {
    lines.push('', 'Violations:');
    for (const d of total.details.slice(0, 200)) lines.push(`  - ${d.figure}: ${d.detail}`);
    if (total.details.length > 200) lines.push(`  … and ${total.details.length - 200} more`);
  }
  return lines.join('\n');
}
