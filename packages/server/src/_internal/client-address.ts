/**
 * The client address of anonymous callers, for their rate limits. Only a proxy the app names may vouch for it:
 * `x-forwarded-for` is a header anyone can send, so without `trustProxy` it is not read at all. IPv6 addresses
 * count per /64 (one subscriber's allocation; rotating the interface id gives no fresh budget).
 */

/** How the client address is found; see `TollboothConfig.trustProxy`. */
export type TrustProxy = false | number | ((request: Request) => string | null | undefined);

/** Checks `trustProxy` at startup and returns the function that reads a request's (normalised) address. */
export function resolveClientAddress(trustProxy: unknown): (request: Request) => string | null {
  if (trustProxy === undefined || trustProxy === false) return () => null;
  if (typeof trustProxy === 'function') {
    return (request) => {
      const raw: unknown = trustProxy(request);
      return typeof raw === 'string' ? normaliseAddress(raw) : null;
    };
  }
  if (typeof trustProxy === 'number' && Number.isInteger(trustProxy) && trustProxy >= 1 && trustProxy <= 10) {
    return (request) => forwardedHop(request.headers.get('x-forwarded-for'), trustProxy);
  }
  throw new Error(
    'Tollbooth: trustProxy must be false, the number of proxies in front of the app (1–10: the client is that many ' +
      'x-forwarded-for entries from the right), or a function (request) => address. `true` would trust hops the ' +
      'client wrote itself.',
  );
}

/** The entry `hops` from the right: the one the outermost trusted proxy appended. Fewer entries: unknown. */
function forwardedHop(header: string | null, hops: number): string | null {
  if (header === null) return null;
  const entries = header.split(',').map((e) => e.trim());
  const entry = entries[entries.length - hops];
  return entries.length >= hops && entry ? normaliseAddress(entry) : null;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * An IPv4 address as is, an IPv6 address as its /64 (`2001:db8:1:2::/64`), IPv4-mapped IPv6 as the IPv4
 * address; brackets, ports and zones dropped. Anything else is `null` (counted with the unknown callers).
 */
export function normaliseAddress(raw: string): string | null {
  let text = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1] as string;
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = text.replace(/%.*$/, '');
  const v4 = ipv4(text);
  if (v4) return v4;
  const groups = ipv6Groups(text);
  if (!groups) return null;
  // ::ffff:a.b.c.d (or its hex form) is an IPv4 client seen through a dual-stack socket.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi, lo] = [groups[6] as number, groups[7] as number];
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

function ipv4(text: string): string | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts.join('.') : null;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a trailing dotted IPv4 part), or null. */
function ipv6Groups(text: string): number[] | null {
  if (!/^[0-9a-f:.]+$/.test(text) || text.split('::').length > 2) return null;
  let tail: number[] = [];
  let body = text;
  const dotted = /(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const v4 = ipv4(dotted[1] as string);
    if (!v4) return null;
    const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
    tail = [(a << 8) | b, (c << 8) | d];
    body = text.slice(0, text.length - (dotted[1] as string).length);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const [head, rest] = body.includes('::') ? body.split('::') : [body, undefined];
  const left = parse(head as string);
  const right = rest === undefined ? [] : parse(rest);
  const missing = 8 - tail.length - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array(Math.max(0, missing)).fill('0'), ...right];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return [...groups.map((g) => Number.parseInt(g, 16)), ...tail];
}
