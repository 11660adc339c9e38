import type { IncomingMessage, ServerResponse } from 'node:http';

/** A simulator served over HTTP. */
export interface ListeningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DROPPED = Symbol('dropped');
export type Dispatch = (request: Request) => Promise<Response | typeof DROPPED>;

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(key, item);
    else if (value !== undefined) headers.set(key, value);
  }
  const method = req.method ?? 'GET';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks),
  });
}

async function write(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Serves `dispatch` on 127.0.0.1. node:http is imported here, lazily, so the simulator core stays free of Node
 * APIs and runs in browsers under msw.
 */
export async function listen(dispatch: Dispatch, port: number, onOrigin: (origin: string) => void) {
  const { createServer } = await import('node:http');
  let origin = '';
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const response = await dispatch(await toRequest(req, origin));
        // A dropped connection: the client sees a reset socket, like a network failure mid-request.
        if (response === DROPPED) req.socket.destroy();
        else await write(res, response);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  origin = `http://127.0.0.1:${actualPort}`;
  onOrigin(origin);
  const listening: ListeningSimulator = {
    url: origin,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return listening;
}
