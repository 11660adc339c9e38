// A loopback HTTP server around a Web-standard `(Request) => Promise<Response>`, for benches that need a
// page origin without a framework.
import { createServer } from 'node:http';

/** Serves `handle` on 127.0.0.1 at a free port; resolves to `{ url, close }`. */
export async function serveFetch(handle) {
  const server = createServer(async (req, res) => {
    const body = [];
    for await (const chunk of req) body.push(chunk);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([k, v]) =>
        Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]],
      ),
      body: hasBody ? Buffer.concat(body) : undefined,
    });
    const response = await handle(request);
    res.writeHead(response.status, [...response.headers].flat());
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
