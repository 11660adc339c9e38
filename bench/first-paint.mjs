// First contentful paint with data: a Next.js page rendering <PricingTable> with the catalog read on the
// server, vs the same table fetching it from the browser. Run alone: `node bench/first-paint.mjs`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium, timeToMarker } from './lib/chromium.mjs';
import { startNextApp } from './lib/next-app.mjs';
import { ms, report, row } from './lib/report.mjs';
import { median } from './lib/stats.mjs';

const LOADS = Number(process.env.BENCH_PAGE_LOADS ?? 8);
// A price card of the table: the paint that shows the user what they can buy.
const CONTENT = '.tb-plans li';

/**
 * The prop of PricingTableProps that takes catalog data fetched on the server, read from the built types:
 * `{ name, shape }` (shape `catalog` for a CatalogResponse, `prices` for a list), or null while there is none.
 * Run alone: `node bench/first-paint.mjs`; BENCH_PRICING_PROP names the prop by hand.
 */
function serverDataProp() {
  // Named by hand when the types are not plain enough to find it: BENCH_PRICING_PROP (+ BENCH_PRICING_SHAPE).
  if (process.env.BENCH_PRICING_PROP) {
    return { name: process.env.BENCH_PRICING_PROP, shape: process.env.BENCH_PRICING_SHAPE ?? 'catalog' };
  }
  const dts = readFileSync(
    fileURLToPath(new URL('../packages/react/dist/index.d.ts', import.meta.url)),
    'utf8',
  );
  const body = /interface PricingTableProps[^{]*\{([\s\S]*?)\n\}/.exec(dts)?.[1] ?? '';
  for (const [, name, type] of body.matchAll(/^\s*(?:readonly\s+)?(\w+)\??:\s*([^;]+);/gm)) {
    if (name === 'renderAction' || type.includes('=>')) continue;
    if (/CatalogResponse/.test(type)) return { name, shape: 'catalog' };
    if (/CatalogPrice(<[^>]*>)?\[\]/.test(type)) return { name, shape: 'prices' };
  }
  return null;
}

const prop = serverDataProp();
const app = await startNextApp(
  prop ? { BENCH_PRICING_PROP: prop.name, BENCH_PRICING_SHAPE: prop.shape } : {},
);
const browser = await launchChromium();
const seen = { client: [], server: [], clientFcp: [], serverFcp: [] };
let serverHtmlHasContent = false;
try {
  if (prop)
    serverHtmlHasContent = (await (await fetch(`${app.url}/pricing/server`)).text()).includes('tb-plans');
  const pages = prop && serverHtmlHasContent ? ['client', 'server'] : ['client'];
  await timeToMarker(browser, `${app.url}/pricing/client`, CONTENT); // warm the server's route code
  if (pages.includes('server')) await timeToMarker(browser, `${app.url}/pricing/server`, CONTENT);
  for (let i = 0; i < LOADS; i++) {
    for (const side of i % 2 === 0 ? pages : [...pages].reverse()) {
      const run = await timeToMarker(browser, `${app.url}/pricing/${side}`, CONTENT);
      seen[side].push(run.at);
      seen[`${side}Fcp`].push(run.fcp);
    }
  }
} finally {
  await browser.close();
  await app.stop();
}

const client = median(seen.client);
const serverRow = () => {
  if (!prop) return 'n/a: component has no server data prop yet';
  if (!serverHtmlHasContent)
    return `n/a: \`${prop.name}\` is passed but the server HTML has no price card yet`;
  return `${ms(median(seen.server))} (FCP ${ms(median(seen.serverFcp))})`;
};
const measured = prop && serverHtmlHasContent;
report({
  title: 'First contentful paint with data (<PricingTable> in Next.js, Chromium)',
  rows: [
    row('first paint of a price card, server-rendered vs client-fetched', {
      ours: `server-rendered: ${serverRow()}`,
      peer: `client-fetched: ${ms(client)} (FCP ${ms(median(seen.clientFcp))})`,
      ratio: measured ? (median(seen.server) / client).toFixed(2) : 'n/a',
      target: 'server-rendered paints its content first (< 1)',
      met: measured ? median(seen.server) < client : null,
    }),
  ],
  notes: [
    `Median of ${LOADS} loads per page taking turns, each in a fresh browser context (cold cache); time from navigation start to the first frame painted after a price card exists. FCP is Chromium's first-contentful-paint (the heading paints in the loading state too, so FCP alone does not say the data is there).`,
    prop
      ? `Server data prop of PricingTableProps: \`${prop.name}\` (${prop.shape}); the page reads the catalog on the server and passes it.`
      : 'PricingTableProps has no prop taking catalog data yet; once it has one (a CatalogResponse or CatalogPrice[]), this bench finds it in the built types and measures the server-rendered page too.',
  ],
});
