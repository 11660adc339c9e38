// `pnpm dev` for the store: honours PORT (default 3000) and says plainly when the port is taken, instead of
// Next's "address already in use" stack trace.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a port number (1–65535), not "${process.env.PORT}".`);
  process.exit(1);
}

const probe = createServer();
probe.once('error', (error) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(
    `Port ${port} on ${host} is already in use: is the store (or another app) running already?\n` +
      `Stop it, or start on another port: PORT=${port + 1} pnpm dev`,
  );
  process.exit(1);
});
probe.listen(port, host, () => {
  probe.close(() => {
    const next = spawn('next', ['dev', '-H', host, '-p', String(port)], {
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    next.on('exit', (code) => process.exit(code ?? 0));
  });
});
