// Client size: @tollbooth/react beside what a user would ship instead (@stripe/react-stripe-js with
// @stripe/stripe-js's loader, or use-shopping-cart), all bundled the same way: esbuild, minified, react
// external, gzip. Run alone: `node bench/size.mjs`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { report, row } from './lib/report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const REACT = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'];
const STRIPE = ['@stripe/stripe-js', '@stripe/react-stripe-js'];
// What marks Stripe.js in a bundle: the loader's script URL.
const STRIPE_JS = /js\.stripe\.com/;

const ENTRIES = {
  kit: `export * from '@tollbooth/react';`,
  kitWithStripe: `export * from '@tollbooth/react'; export * from '@stripe/react-stripe-js'; export { loadStripe } from '@stripe/stripe-js';`,
  reactStripe: `export * from '@stripe/react-stripe-js'; export { loadStripe } from '@stripe/stripe-js';`,
  cart: `export * from 'use-shopping-cart';`,
  checkoutPage: `import { TollboothProvider, CheckoutButton } from '@tollbooth/react';
    import { jsx } from 'react/jsx-runtime';
    export const Page = () => jsx(TollboothProvider, { children: jsx(CheckoutButton, { items: [{ price: 'pro', quantity: 1 }], children: 'Buy' }) });`,
  cartPage: `import { CartProvider, useShoppingCart } from 'use-shopping-cart';
    import { jsx } from 'react/jsx-runtime';
    const Buy = () => { const { redirectToCheckout } = useShoppingCart(); return jsx('button', { onClick: () => redirectToCheckout('cs_x'), children: 'Buy' }); };
    export const Page = () => jsx(CartProvider, { mode: 'checkout-session', stripe: 'pk_test_x', currency: 'USD', children: jsx(Buy, {}) });`,
};

/**
 * Bundles one entry and measures what a page loads up front (the entry chunk and the chunks it imports
 * statically) apart from what it loads on demand (dynamic `import()`), each minified and gzipped.
 */
async function measure(name, external) {
  const dir = mkdtempSync(join(tmpdir(), 'tollbooth-size-'));
  try {
    const entry = join(root, 'bench', `.size-${name}.mjs`);
    writeFileSync(entry, ENTRIES[name]);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      minify: true,
      write: false,
      outdir: dir,
      metafile: true,
      external,
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    }).finally(() => rmSync(entry));
    const files = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
    const outputs = result.metafile.outputs;
    const key = (path) => Object.keys(outputs).find((k) => path.endsWith(k.replace(/^.*?(?=[^/]+$)/, '')));
    const entryPath = result.outputFiles.find((f) => outputs[key(f.path)]?.entryPoint)?.path;
    const initial = new Set([entryPath]);
    for (const path of initial) {
      for (const imp of outputs[key(path)].imports) {
        if (imp.kind === 'import-statement' && !imp.external)
          initial.add(join(dir, imp.path.split('/').at(-1)));
      }
    }
    let upFront = 0;
    let onDemand = 0;
    let stripeUpFront = false;
    for (const [path, bytes] of files) {
      const gz = gzipSync(bytes, { level: 9 }).byteLength;
      if (initial.has(path)) {
        upFront += gz;
        stripeUpFront ||= STRIPE_JS.test(Buffer.from(bytes).toString());
      } else onDemand += gz;
    }
    return { upFront, onDemand, stripeUpFront };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const sizes = {
  kit: await measure('kit', [...REACT, ...STRIPE]),
  kitWithStripe: await measure('kitWithStripe', REACT),
  reactStripe: await measure('reactStripe', REACT),
  cart: await measure('cart', REACT),
  checkoutPage: await measure('checkoutPage', [...REACT, ...STRIPE]),
  checkoutPageStripe: await measure('checkoutPage', REACT),
  cartPage: await measure('cartPage', REACT),
};
const total = (s) => s.upFront + s.onDemand;
const ratio = (a, b) => (a / b).toFixed(2);

report({
  title: 'Client size (esbuild, minified, react external, gzip)',
  rows: [
    row('whole kit, @stripe/* external', {
      ours: kb(total(sizes.kit)),
      peer: `use-shopping-cart: ${kb(total(sizes.cart))}`,
      ratio: ratio(total(sizes.kit), total(sizes.cart)),
      target: '≤ 12 KB',
      met: total(sizes.kit) <= 12 * 1024,
    }),
    row('whole kit + @stripe/react-stripe-js + stripe-js loader', {
      ours: `${kb(total(sizes.kitWithStripe))} (+${kb(total(sizes.kitWithStripe) - total(sizes.reactStripe))})`,
      peer: `react-stripe-js + loader alone: ${kb(total(sizes.reactStripe))}`,
      ratio: ratio(total(sizes.kitWithStripe), total(sizes.reactStripe)),
      target: 'none (what a user ships in all)',
      met: null,
    }),
    row('a page with TollboothProvider + CheckoutButton, loaded up front', {
      ours: `${kb(sizes.checkoutPage.upFront)}; ${kb(sizes.checkoutPageStripe.upFront)} with @stripe/* bundled, Stripe.js up front: ${sizes.checkoutPageStripe.stripeUpFront ? 'yes' : 'no'}`,
      peer: `use-shopping-cart CartProvider + redirectToCheckout: ${kb(sizes.cartPage.upFront)}`,
      ratio: ratio(sizes.checkoutPageStripe.upFront, sizes.cartPage.upFront),
      target: '≤ 2.5 KB, no Stripe.js',
      met: sizes.checkoutPage.upFront <= 2.5 * 1024 && !sizes.checkoutPageStripe.stripeUpFront,
    }),
  ],
  notes: [
    'Sizes are the gzipped (level 9) output of one esbuild bundle per entry (ESM, code splitting, minified, `process.env.NODE_ENV` = production); "up front" is the entry chunk and the chunks it imports statically, the rest loads on demand with `import()`. size-limit in CI enforces the same budgets on its own measure.',
    `On demand besides: the kit ${kb(sizes.kitWithStripe.onDemand)} (the Elements form and embedded checkout chunks with @stripe/*); a CheckoutButton page ${kb(sizes.checkoutPageStripe.onDemand)}.`,
  ],
});
