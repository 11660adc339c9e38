import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Importing zod was most of the server's cold start; the schema module is loaded on the first request instead
// (src/_internal/schemas.ts). One static import anywhere in the server would bring it back at import time.
describe('the schema module is loaded lazily', () => {
  it('no server source imports @tollbooth/core/schemas or zod except as types, but the lazy loader', () => {
    const root = new URL('../src/', import.meta.url);
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const offenders: string[] = [];
    for (const file of files) {
      const source = readFileSync(new URL(file, root), 'utf8');
      const staticImports = source.match(
        /^import(?! type)[^;]*from '(@tollbooth\/core\/schemas|zod[^']*)';/gm,
      );
      if (staticImports) offenders.push(`${file}: ${staticImports.join(' ')}`);
      if (/import\('(@tollbooth\/core\/schemas)'\)/.test(source) && !file.endsWith('schemas.ts'))
        offenders.push(`${file}: a second loader`);
    }
    expect(offenders).toEqual([]);
    expect(files.length).toBeGreaterThan(20);
  });
});
