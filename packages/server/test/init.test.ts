import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { init } from '../src/cli/init';

const dirs: string[] = [];
/** A throwaway Next.js app folder holding `paths` (folders end with '/'). */
function nextApp(...paths: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollbooth-init-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), '{"name":"shop"}');
  for (const path of paths) {
    if (path.endsWith('/')) mkdirSync(join(dir, path), { recursive: true });
    else writeFileSync(join(dir, path), 'mine');
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npx @tollbooth/server init', () => {
  it('writes the server config, the App Router route and .env.example', () => {
    const dir = nextApp('app/');
    expect(init(dir)).toEqual({
      router: 'app',
      written: ['server/tollbooth.ts', 'app/api/tollbooth/[...tollbooth]/route.ts', '.env.example'],
    });
    expect(readFileSync(join(dir, 'app/api/tollbooth/[...tollbooth]/route.ts'), 'utf8')).toContain(
      'createRouteHandlers(tollbooth)',
    );
    const server = readFileSync(join(dir, 'server/tollbooth.ts'), 'utf8');
    expect(server).toContain('stripe: () => new Stripe(process.env.STRIPE_SECRET_KEY!');
    expect(server).toContain('getUser: async () => null');
    expect(readFileSync(join(dir, '.env.example'), 'utf8')).toMatch(/^STRIPE_WEBHOOK_SECRET=$/m);
  });

  it('uses the Pages Router (bodyParser off) when the app has only pages/, and src/ when the app uses it', () => {
    const pages = nextApp('pages/');
    expect(init(pages).written).toContain('pages/api/tollbooth/[...tollbooth].ts');
    expect(readFileSync(join(pages, 'pages/api/tollbooth/[...tollbooth].ts'), 'utf8')).toContain(
      'bodyParser: false',
    );
    const src = nextApp('src/app/');
    expect(init(src).written).toEqual([
      'src/server/tollbooth.ts',
      'src/app/api/tollbooth/[...tollbooth]/route.ts',
      '.env.example',
    ]);
  });

  it('refuses to overwrite: names the files that exist and writes none of the others', () => {
    const dir = nextApp('app/', '.env.example');
    expect(() => init(dir)).toThrow(
      /these files exist and were left alone, nothing was written: \.env\.example/,
    );
    expect(readFileSync(join(dir, '.env.example'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'server/tollbooth.ts'))).toBe(false);
    expect(existsSync(join(dir, 'app/api/tollbooth'))).toBe(false);
  });

  it('refuses a folder that is not an app', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollbooth-init-'));
    dirs.push(dir);
    expect(() => init(dir)).toThrow(/no package.json/);
  });

  it('the built bin does the same and exits 1 on a refusal', () => {
    const bin = new URL('../dist/cli.js', import.meta.url).pathname;
    if (!existsSync(bin)) return expect.fail('build @tollbooth/server first (dist/cli.js is missing)');
    const dir = nextApp('app/');
    const first = spawnSync(process.execPath, [bin, 'init'], { cwd: dir, encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('wrote server/tollbooth.ts');
    const again = spawnSync(process.execPath, [bin, 'init'], { cwd: dir, encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('nothing was written');
  });
});
