import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run';

/**
 * A fresh app as an integrator starts one, `create-next-app@<major>` with TypeScript and the App Router, then
 * ONE `npm install` of what the README lists, with the packed packages in place of the registry's. Only the
 * npm registry is reached (create-next-app's template ships inside its package).
 */
export async function createApp(
  work: string,
  nextMajor: string,
  packed: Record<string, string>,
): Promise<string> {
  const name = `app-next${nextMajor}`;
  await run(
    'npx',
    [
      '-y',
      `create-next-app@${nextMajor}`,
      name,
      '--ts',
      '--app',
      '--no-tailwind',
      '--no-eslint',
      '--no-src-dir',
      '--import-alias',
      '@/*',
      '--use-npm',
      '--skip-install',
      '--disable-git',
      '--yes',
      // Options create-next-app 16 added; left to their defaults they would change the app under test.
      ...(Number(nextMajor) >= 16 ? ['--no-react-compiler', '--no-agents-md'] : []),
    ],
    { cwd: work, label: `create-next-app@${nextMajor}` },
  );
  const appDir = join(work, name);
  const pkgPath = join(appDir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  pkg.dependencies = {
    ...pkg.dependencies,
    ...packed,
    stripe: '^23.0.0',
    '@stripe/stripe-js': '^10.0.0',
    '@stripe/react-stripe-js': '^7.0.0',
    'better-auth': '^1.3.0',
  };
  // @tollbooth/server depends on @tollbooth/core@^0.1.0: the packed one, never a registry copy.
  pkg.overrides = packed;
  writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: appDir,
    label: `npm install (next ${nextMajor}: the one install its variants share)`,
  });
  return appDir;
}

/** The options create-next-app put in `next.config.ts` (Next 16: Cache Components), kept under the wrapper. */
export function generatedNextOptions(appDir: string): string {
  const config = readFileSync(join(appDir, 'next.config.ts'), 'utf8');
  return /const nextConfig: NextConfig = \{([\s\S]*?)\};/.exec(config)?.[1] ?? '';
}
