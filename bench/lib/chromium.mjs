// Chromium for the browser benches, launched exactly as the browser test suites launch it: the options are
// read from vitest.shared.ts (compiled on the fly), so there is one launch configuration in the repository.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const shared = fileURLToPath(new URL('../../vitest.shared.ts', import.meta.url));

async function launchOptions() {
  const dir = mkdtempSync(join(tmpdir(), 'tollbooth-chromium-'));
  try {
    const out = await build({ entryPoints: [shared], format: 'esm', platform: 'node', write: false });
    const file = join(dir, 'shared.mjs');
    writeFileSync(file, out.outputFiles[0].contents);
    return (await import(pathToFileURL(file).href)).chromiumLaunchOptions;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function launchChromium() {
  return chromium.launch(await launchOptions());
}

/**
 * Runs in the page before its own scripts: records `window.__benchAt` (ms since navigation) at the first
 * frame painted after `selector` matched, for a marker that means "the user can see / use it".
 */
export function markWhenShown(selector) {
  return `(() => {
    const check = () => {
      if (window.__benchAt !== undefined || !document.querySelector(${JSON.stringify(selector)})) return;
      window.__benchAt = null;
      requestAnimationFrame(() => setTimeout(() => { window.__benchAt = performance.now(); }, 0));
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  })();`;
}

/** Opens `url` in a fresh context (cold cache, like a first visit) and returns when the marker was shown. */
export async function timeToMarker(browser, url, selector, { cookies = [] } = {}) {
  const context = await browser.newContext();
  try {
    if (cookies.length > 0) await context.addCookies(cookies);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('crash', () => problems.push('the page crashed'));
    await page.addInitScript(markWhenShown(selector));
    await page.goto(url);
    await page
      .waitForFunction(() => typeof window.__benchAt === 'number', null, { timeout: 30_000 })
      .catch((error) => {
        throw new Error(`${url}: ${problems.join('; ') || error.message}`);
      });
    // Awaited here, so the context is closed only after the page answered.
    return await page.evaluate(() => ({
      at: window.__benchAt,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    }));
  } finally {
    await context.close();
  }
}
