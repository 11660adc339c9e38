import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script, no types
import { checkDist } from '../../scripts/check-dist.mjs';
import { buildOptions } from '../../tsup.config';

// Builds the package (without .d.ts, into a temporary folder) exactly as `pnpm build` does, then inspects it.
let out = '';
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'tollbooth-react-dist-'));
  await build({ ...buildOptions(out), dts: false, clean: false, silent: true, config: false });
}, 120_000);
afterAll(() => rm(out, { recursive: true, force: true }));

describe('the built package', () => {
  it("keeps 'use client' first, ships styles.css, and a <CheckoutButton> page references no Stripe.js", async () => {
    expect(await checkDist(out)).toEqual([]);
  });

  it('loads Stripe.js and its React bindings only from lazily imported chunks', async () => {
    const index = await readFile(join(out, 'index.js'), 'utf8');
    expect(index.split('\n', 1)[0]).toBe("'use client';");
    expect(index).not.toMatch(/^import[^;]*from ['"]@stripe\//m);
    expect(index).toMatch(/import\(['"]@stripe\/stripe-js['"]\)/);
    expect(index).toMatch(/import\(['"]\.\/elements-form-[\w-]+\.js['"]\)/);
  });
});
