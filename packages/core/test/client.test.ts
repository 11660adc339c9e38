import { describe, expect, it } from 'vitest';
import { createClient, ERROR_STATUS, ROUTES, request, TollboothError } from '../src/index';

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
}

function recordingFetch(respond: (seen: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(new URL(String(input), 'https://shop.example.com'), init);
    const entry = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' ? null : await request.text(),
    };
    seen.push(entry);
    return respond(entry);
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createClient', () => {
  it('sends JSON with an Idempotency-Key on writes and plain GETs on reads', async () => {
    const { seen, fetch } = recordingFetch(({ method }) =>
      json(
        method === 'GET'
          ? { prices: [] }
          : { id: 'pi_1', clientSecret: 'pi_1_secret_x', amount: 100, currency: 'usd' },
      ),
    );
    const client = createClient({ endpoint: '/api/tollbooth/', fetch });
    await client.getCatalog();
    await client.createPaymentIntent(
      { items: [{ price: 'basic', quantity: 2 }] },
      { idempotencyKey: 'attempt-1' },
    );

    expect(seen[0]).toMatchObject({
      url: 'https://shop.example.com/api/tollbooth/catalog',
      method: 'GET',
      body: null,
    });
    expect(seen[0]?.headers.get('idempotency-key')).toBeNull();
    expect(seen[1]).toMatchObject({
      url: 'https://shop.example.com/api/tollbooth/payment-intents',
      method: 'POST',
    });
    expect(seen[1]?.headers.get('content-type')).toBe('application/json');
    expect(seen[1]?.headers.get('idempotency-key')).toBe('attempt-1');
    expect(JSON.parse(seen[1]?.body ?? '')).toEqual({ items: [{ price: 'basic', quantity: 2 }] });
  });

  it('gives each call its own key unless one is passed', async () => {
    const { seen, fetch } = recordingFetch(() => json({ id: 'seti_1', clientSecret: 'seti_1_secret_x' }));
    const client = createClient({ fetch });
    await client.createSetupIntent();
    await client.createSetupIntent();
    const keys = seen.map((s) => s.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('sends DELETE with a JSON content type and encodes path ids', async () => {
    const { seen, fetch } = recordingFetch(() => json({ id: 'pm_1', deleted: true }));
    await createClient({ fetch }).detachPaymentMethod('pm_1/../x');
    expect(seen[0]?.method).toBe('DELETE');
    expect(seen[0]?.url).toBe('https://shop.example.com/api/tollbooth/payment-methods/pm_1%2F..%2Fx');
    expect(seen[0]?.headers.get('content-type')).toBe('application/json');
  });

  it('throws a TollboothError with the server code, status and message', async () => {
    const { fetch } = recordingFetch(() =>
      json({ error: { code: 'forbidden', message: 'Not allowed.' } }, 403),
    );
    const error = await createClient({ fetch })
      .listPaymentMethods()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TollboothError);
    expect(error).toMatchObject({ code: 'forbidden', status: 403, message: 'Not allowed.' });
  });

  it('maps a response without an error body to the code of its status', async () => {
    const { fetch } = recordingFetch(() => new Response('<html>Bad gateway</html>', { status: 429 }));
    await expect(createClient({ fetch }).listInvoices()).rejects.toMatchObject({
      code: 'rate_limited',
      status: 429,
    });
  });

  it('turns a failed fetch into network_error and lets aborts through', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(createClient({ fetch: failing }).getCatalog()).rejects.toMatchObject({
      code: 'network_error',
      status: 0,
    });

    const aborting = (async () => {
      throw new DOMException('aborted', 'AbortError');
    }) as typeof fetch;
    await expect(createClient({ fetch: aborting }).getCatalog()).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('refuses to call an id route without an id', async () => {
    const { seen, fetch } = recordingFetch(() => json({}));
    await expect(createClient({ fetch }).getCheckout('')).rejects.toMatchObject({ code: 'invalid_request' });
    expect(seen).toHaveLength(0);
  });

  it('knows the status of every code', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      expect(new TollboothError(code as keyof typeof ERROR_STATUS, 'x').status).toBe(status);
    }
  });
});

describe('request', () => {
  it('sends one route like the client does, so a single-route caller needs no route table', async () => {
    const { seen, fetch } = recordingFetch(() =>
      json({ id: 'cs_1', url: 'https://checkout.stripe.com/c/cs_1' }),
    );
    const input = { items: [{ price: 'basic', quantity: 1 }] };
    const session = await request(
      { endpoint: '/shop/api/', fetch, headers: { 'x-tenant': 't1' } },
      { ...ROUTES['checkout.create'], input, idempotencyKey: 'attempt-7' },
    );
    expect(session).toEqual({ id: 'cs_1', url: 'https://checkout.stripe.com/c/cs_1' });
    await createClient({ endpoint: '/shop/api/', fetch, headers: { 'x-tenant': 't1' } }).createCheckout(
      input,
      {
        idempotencyKey: 'attempt-7',
      },
    );
    const [direct, viaClient] = seen;
    expect(direct?.url).toBe('https://shop.example.com/shop/api/checkout');
    expect(direct).toMatchObject({ url: viaClient?.url, method: 'POST', body: viaClient?.body });
    expect(Object.fromEntries(direct?.headers ?? [])).toEqual(Object.fromEntries(viaClient?.headers ?? []));
    expect(direct?.headers.get('x-tenant')).toBe('t1');
  });

  it('sends an empty JSON body and a fresh key on a write without input, and throws server errors', async () => {
    const { seen, fetch } = recordingFetch(() =>
      json({ error: { code: 'unauthenticated', message: 'Sign in.' } }, 401),
    );
    await expect(request({ fetch }, { method: 'POST', path: '/setup-intents' })).rejects.toMatchObject({
      code: 'unauthenticated',
      status: 401,
    });
    expect(seen[0]?.url).toBe('https://shop.example.com/api/tollbooth/setup-intents');
    expect(seen[0]?.body).toBe('{}');
    expect(seen[0]?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{32,36}$/);
  });
});
