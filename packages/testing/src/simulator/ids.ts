const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random token of Stripe's look (`[A-Za-z0-9]`), from Web Crypto so it runs in browsers too. */
export function randomToken(length = 24): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** `prefix_` + random token, e.g. `pi_3Qx…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken()}`;
}

/** Stripe's client secret format: `<id>_secret_<token>`. */
export function clientSecretFor(id: string): string {
  return `${id}_secret_${randomToken()}`;
}
