import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baseUrl, signIn } from './helpers';

const staticDir = fileURLToPath(new URL('../.next/static', import.meta.url));

/** What must never reach a browser: secret and restricted keys, webhook secrets, and the names of their env vars. */
const FORBIDDEN = [
  /(?<![A-Za-z0-9])sk_(test|live)_/,
  /(?<![A-Za-z0-9])rk_(test|live)_/,
  /whsec_/,
  /STRIPE_SECRET_KEY/,
  /STRIPE_WEBHOOK_SECRET/,
  /SESSION_SECRET/,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function leaks(text: string): string[] {
  return FORBIDDEN.filter((pattern) => pattern.test(text)).map(String);
}

describe('the client build (.next/static)', () => {
  it('the scan finds a planted secret (so a clean result means something)', () => {
    expect(leaks('const k = "sk_test_51Habc";')).toEqual([String(FORBIDDEN[0])]);
    expect(leaks('x=process.env.STRIPE_WEBHOOK_SECRET')).toEqual([String(FORBIDDEN[4])]);
  });

  it('holds no secret key, webhook secret or secret env var name', () => {
    const all = files(staticDir).filter((f) => /\.(js|css|html|json|map|txt)$/.test(f));
    expect(all.length).toBeGreaterThan(0);
    const found = all.flatMap((file) => leaks(readFileSync(file, 'utf8')).map((p) => `${file}: ${p}`));
    expect(found).toEqual([]);
  });
});

describe('server-rendered pages', () => {
  it('carry no secret either (the RSC payload holds every prop a client component gets)', async () => {
    const cookie = await signIn('ada');
    const found: string[] = [];
    for (const path of ['/', '/pay', '/checkout', '/account', '/staff', '/return?session_id=cs_x']) {
      const html = await (await fetch(`${baseUrl}${path}`, { headers: { cookie } })).text();
      expect(html).toContain('Tollbooth Supply Co.');
      found.push(...leaks(html).map((p) => `${path}: ${p}`));
      if (html.includes('sk_test_simulator')) found.push(`${path}: the simulator's secret key`);
    }
    expect(found).toEqual([]);
  });
});
