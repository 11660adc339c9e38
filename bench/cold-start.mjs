// Cold start: what importing the built @tollbooth/server and calling createTollbooth adds to a process that
// imports `stripe` anyway, as the median of fresh processes taking turns; then what that import is made of.
// Run alone: `node bench/cold-start.mjs`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ms, report, row } from './lib/report.mjs';
import { median } from './lib/stats.mjs';

const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 20);
const TARGET_MS = 10;
const child = fileURLToPath(new URL('./lib/cold-child.mjs', import.meta.url));
const VARIANTS = ['stripe', 'full', 'core', 'schemas', 'zod', 'zod-core', 'zod-mini'];

// The headline pair gets every process; the breakdown, which only says where the time goes, half as many.
const HEADLINE = new Set(['stripe', 'full']);
const seen = Object.fromEntries(VARIANTS.map((v) => [v, []]));
for (let i = 0; i < PROCESSES; i++) {
  // Rotating the order keeps any one variant from always following the same neighbour.
  for (let j = 0; j < VARIANTS.length; j++) {
    const v = VARIANTS[(i + j) % VARIANTS.length];
    if (!HEADLINE.has(v) && i % 2 === 1) continue;
    seen[v].push(JSON.parse(execFileSync(process.execPath, [child, v], { encoding: 'utf8' })));
  }
}
const med = (v, field = 'total') => median(seen[v].map((s) => s[field]));
const added = med('full') - med('stripe');
const signed = (value) => (value < 0 ? `−${ms(-value)}` : `+${ms(value)}`);

report({
  title: 'Cold start (fresh processes)',
  rows: [
    row('import @tollbooth/server + createTollbooth, minus `stripe` alone', {
      ours: `${signed(added)} (${ms(med('full'))} with stripe)`,
      peer: `\`stripe\` alone: ${ms(med('stripe'))}`,
      ratio: signed(added),
      target: `≤ +${TARGET_MS} ms`,
      met: added <= TARGET_MS,
    }),
  ],
  notes: [
    `Median of ${PROCESSES} fresh processes per variant, taking turns; time measured inside the process from before the first import, so Node's own boot is left out.`,
    `Inside the full process (after stripe): import @tollbooth/server ${ms(med('full', 'import'))}, createTollbooth ${ms(med('full', 'create'))}; then the first request that validates a body loads \`@tollbooth/core/schemas\` (zod): ${ms(med('full', 'schemas'))} more, once.`,
    `Each alone in a fresh process (median of ${seen.zod.length}): \`@tollbooth/core\` ${ms(med('core'))}, \`@tollbooth/core/schemas\` ${ms(med('schemas'))}, \`zod\` ${ms(med('zod'))} (${Math.round((med('zod') / med('full', 'import')) * 100)} % of the server import), \`zod/mini\` ${ms(med('zod-mini'))} (zod's smaller build), \`zod/v4/core\` ${ms(med('zod-core'))} (what both builds share).`,
  ],
});
