import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The environment of an outside user's shell: no Stripe, Tollbooth or auth settings, none of the `npm_*`
 * settings pnpm exports to its scripts (npm would obey them), no telemetry.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Without NODE_ENV on purpose: `next` sets it per command, as in a user's shell.
  const env = {} as NodeJS.ProcessEnv;
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(STRIPE_|NEXT_PUBLIC_|TOLLBOOTH_|BETTER_AUTH_|npm_|PNPM_|VITEST|NODE_OPTIONS$|NODE_ENV$|INIT_CWD$)/.test(
        key,
      )
    )
      continue;
    env[key] = value;
  }
  return { ...env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

/** Runs a command to the end; rejects with its output when it fails. Prints how long it took. */
export async function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; label?: string },
): Promise<string> {
  const started = Date.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv() });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  timing(options.label ?? `${command} ${args.join(' ')}`, started);
  if (code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${code} in ${options.cwd}:\n${output}`);
  return output;
}

/** One line per step, so a slow step is visible in CI's log. */
export function timing(label: string, started: number): void {
  console.log(`[integration] ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A port nothing listens on now, for a server that must be told its port up front (the simulator). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A long-running child (next start), with its output kept for the error message when it dies early. */
export interface Background {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export function background(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Background {
  const child = spawn(command, args, { cwd, env, detached: true });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      const closed = new Promise((resolve) => child.on('close', resolve));
      process.kill(-child.pid, 'SIGTERM'); // the process group: npx and the next server under it
      await closed;
    },
  };
}
