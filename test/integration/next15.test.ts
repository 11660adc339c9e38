import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { createApp, generatedNextOptions } from './support/create-app';
import { integratorJourney } from './support/scenario';

// The peer range says Next 15 too: a second fresh app from create-next-app@15 (webpack builds, not Turbopack),
// App Router, with the same packed packages.
const work = mkdtempSync(join(tmpdir(), 'tollbooth-integration-next15-'));
const app = { dir: '', options: '' };
beforeAll(async () => {
  app.dir = await createApp(work, '15', inject('packed'));
  app.options = generatedNextOptions(app.dir);
});
afterAll(() => {
  if (!process.env.TOLLBOOTH_IT_KEEP) rmSync(work, { recursive: true, force: true });
});

integratorJourney('app', { scanUnaskedBuild: true, app: () => app, label: 'Next.js 15' });
