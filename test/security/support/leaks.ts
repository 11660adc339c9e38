/**
 * The leak scanner. Everything the server emits (response bodies and headers, log lines, audit entries) and the
 * built client bundles pass through `scan`; each finding is a `leak` in the figures.
 */
import { record, scanned } from './figures';

interface Pattern {
  name: string;
  regex: RegExp;
}

/** Secrets and internals that must never leave the server, whoever asks. */
const ALWAYS: Pattern[] = [
  // Also the masked form Stripe puts in its "Invalid API Key provided: sk_live_********abcd" message.
  { name: 'secret key (sk_)', regex: /\bsk_(?:test|live)_[A-Za-z0-9*]+/g },
  { name: 'restricted key (rk_)', regex: /\brk_(?:test|live)_[A-Za-z0-9*]+/g },
  { name: 'webhook secret (whsec_)', regex: /whsec_[A-Za-z0-9+/=_-]+/g },
  // A `    at fn (file:1:2)` line, raw or inside a JSON string (where the newline is the two characters `\n`).
  { name: 'stack frame', regex: /(?:^|\n|\\n)[ \t]+at [^\s\\]+[^\n\\]*/g },
  {
    name: 'file path',
    regex: /(?:file:\/\/\/?|node_modules\/|(?:^|[\s("'=])(?:\/[\w.@-]+){2,}\.(?:ts|js|mjs|cjs|tsx)\b)/g,
  },
  { name: 'Stripe request id', regex: /\breq_[A-Za-z0-9]{8,}/g },
  // Stripe's own wording of an error, which names objects and accounts the caller should not learn about.
  {
    name: 'raw Stripe error',
    regex: /No such [a-z_]+:|Invalid API Key provided|a similar object exists in (?:live|test) mode/g,
  },
];

/**
 * The SDK's error class names: fine in the operator's log (they are the clear cause), a sign of a raw Stripe
 * error passed through when they reach a response.
 */
const RESPONSE_ONLY: Pattern[] = [
  {
    name: 'raw Stripe error class',
    regex:
      /Stripe(?:Card|InvalidRequest|API|Authentication|Permission|RateLimit|Connection|Idempotency|SignatureVerification)Error\b/g,
  },
];

/** A client secret: `pi_…_secret_…`, `seti_…_secret_…`, `cs_test_…_secret_…`. */
const CLIENT_SECRET = /\b[A-Za-z0-9]+_[A-Za-z0-9_]*?_secret_[A-Za-z0-9]+/g;

export interface Finding {
  pattern: string;
  match: string;
}

/**
 * Finds leaks in `text`. `allowedSecrets` are the client secrets the viewer may see (the caller's own, in the
 * response that created them); every other client secret is a leak, and logs allow none.
 */
export function findLeaks(
  text: string,
  allowedSecrets: ReadonlySet<string> = new Set(),
  response = false,
): Finding[] {
  const findings: Finding[] = [];
  for (const { name, regex } of response ? [...ALWAYS, ...RESPONSE_ONLY] : ALWAYS) {
    for (const m of text.matchAll(regex)) findings.push({ pattern: name, match: m[0].trim().slice(0, 120) });
  }
  for (const m of text.matchAll(CLIENT_SECRET)) {
    if (!allowedSecrets.has(m[0])) findings.push({ pattern: 'client secret not the caller’s', match: m[0] });
  }
  return findings;
}

/** Scans one artefact, counts it, and records each finding as a leak. Returns the findings. */
export function scan(
  kind: string,
  where: string,
  text: string,
  allowedSecrets?: ReadonlySet<string>,
  only?: RegExp,
): Finding[] {
  scanned(kind);
  const findings = findLeaks(text, allowedSecrets, kind.startsWith('response')).filter(
    (f) => !only || only.test(f.pattern),
  );
  for (const f of findings) record('leak', `${kind} ${where}: ${f.pattern}: ${JSON.stringify(f.match)}`);
  return findings;
}

/** Every line written to the console, the injected logger and `onAudit` while this file runs. */
export const captured: { lines: string[] } = { lines: [] };

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Replaces the console's methods with ones that capture each line (formatted the way Node prints it, so a
 * logged Error shows its stack), so the scan sees exactly what an operator's log would hold.
 */
export function patchConsole(format: (...args: unknown[]) => string): () => void {
  const originals = CONSOLE_METHODS.map((m) => [m, console[m]] as const);
  for (const m of CONSOLE_METHODS) {
    console[m] = (...args: unknown[]) => {
      captured.lines.push(`console.${m}: ${format(...args)}`);
    };
  }
  return () => {
    for (const [m, fn] of originals) console[m] = fn;
  };
}

/** Scans every captured log line; called once per file after its tests. */
export function scanCapturedLogs(): Finding[] {
  const findings: Finding[] = [];
  captured.lines.forEach((line, i) => {
    findings.push(...scan('log lines', `#${i}`, line));
  });
  captured.lines = [];
  return findings;
}
