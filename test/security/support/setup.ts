/**
 * Runs in every test file's worker: captures the console for the leak scan, counts each case, names the
 * current case for violation details, and hands the file's figures to the global setup at the end.
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatWithOptions } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { record, setCurrentCase, snapshot } from './figures';
import { patchConsole, scanCapturedLogs } from './leaks';

declare module 'vitest' {
  export interface ProvidedContext {
    securityFiguresDir: string;
  }
}

let restore: (() => void) | undefined;
let file = 'unknown';

beforeAll(() => {
  restore = patchConsole((...args) => formatWithOptions({ depth: 6, colors: false }, ...args));
});

beforeEach((ctx) => {
  file = basename(ctx.task.file.filepath);
  setCurrentCase(ctx.task.name);
});

afterEach(() => {
  record('cases');
});

afterAll(() => {
  restore?.();
  setCurrentCase('captured logs');
  scanCapturedLogs();
  const dir = inject('securityFiguresDir');
  if (dir) writeFileSync(join(dir, `${file}.json`), JSON.stringify(snapshot(file)));
});
