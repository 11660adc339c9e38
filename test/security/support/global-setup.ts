/** Creates the directory the files write their figures into, then sums and prints them after the run. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type FileFigures, formatTable, sum } from './figures';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'tollbooth-security-'));
  project.provide('securityFiguresDir', dir);
  return () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as FileFigures);
    rmSync(dir, { recursive: true, force: true });
    if (files.length === 0) return;
    // Printed to the terminal, not through a reporter: `reporters` is a root-only option, and this must show
    // whether the suite runs alone (`--project security`) or inside the root `vitest run`.
    process.stdout.write(`${formatTable(sum(files))}\n`);
  };
}
