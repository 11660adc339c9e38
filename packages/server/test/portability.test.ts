import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the core runs on edge runtimes', () => {
  // next.ts is the Next adapter and cli* the `init` command run by Node (other entries, never imported by the
  // core); everything else is the framework-free core.
  const core = files(SRC).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('next.ts') && !/[\\/]cli(?:\.ts$|[\\/])/.test(f),
  );
  it('leaves out only the Next adapter and the init command', () => {
    expect(files(SRC).filter((f) => f.endsWith('.ts')).length - core.length).toBe(3);
  });

  it('imports nothing from node:', () => {
    for (const file of core)
      expect([file, readFileSync(file, 'utf8').match(/from ['"]node:/)]).toEqual([file, null]);
  });

  it('imports stripe only as a type (the app passes its instance)', () => {
    for (const file of core) {
      const runtime = readFileSync(file, 'utf8').match(/^import (?!type )[^;]*from ['"]stripe['"]/m);
      expect([file, runtime]).toEqual([file, null]);
    }
  });
});
