import { readFileSync } from 'node:fs';

/** A fenced ts/tsx block whose first line names the file it is: `// server/tollbooth.ts — …`. */
const FENCE = /^```(?:ts|tsx)\n([\s\S]*?)^```$/gm;
const MARKER = /^\/\/ ((?:[\w@.[\]-]+\/)*[\w@.[\]-]+\.(?:ts|tsx))(?:\s|$)/;

/**
 * The files a README tells an integrator to write, exactly as printed, keyed by their path in the app. A path
 * printed twice is an error: the suite would not know which one the reader follows.
 */
export function readmeFiles(...readmes: string[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const readme of readmes) {
    for (const [, body] of readFileSync(readme, 'utf8').matchAll(FENCE)) {
      const path = MARKER.exec(body ?? '')?.[1];
      if (!path) continue;
      if (files.has(path)) throw new Error(`${path} is printed twice in the READMEs (${readme})`);
      files.set(path, body as string);
    }
  }
  return files;
}
