import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, sha256, sha256HexSync } from '../src/internal/sha256';

async function subtleHex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

describe('the synchronous SHA-256', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(sha256HexSync('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256HexSync('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with crypto.subtle on every length around the block and padding edges', async () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      expect([n, hex(sha256(bytes))]).toEqual([n, await subtleHex(bytes)]);
    }
  });

  it('agrees with crypto.subtle on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        expect(hex(sha256(bytes))).toBe(await subtleHex(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes text as UTF-8, like crypto.subtle over TextEncoder', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), async (text) => {
        expect(sha256HexSync(text)).toBe(await subtleHex(new TextEncoder().encode(text)));
      }),
      { numRuns: 300 },
    );
  });
});

async function subtleHmacHex(key: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    encoder.encode(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return hex(new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message))));
}

describe('the synchronous HMAC-SHA256', () => {
  it('gives RFC 4231 test case 2', () => {
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('agrees with crypto.subtle for short, block-sized and long keys and messages', async () => {
    for (const [key, message] of [
      ['whsec_a', ''],
      ['whsec_b', 'abc'],
      ['k'.repeat(64), 'x'.repeat(55)],
      ['k'.repeat(65), 'x'.repeat(64)],
      ['k'.repeat(100), 'é∑😀'.repeat(300)],
    ] as const) {
      expect(hmacSha256Hex(key, message)).toBe(await subtleHmacHex(key, message));
    }
  });

  it('agrees with crypto.subtle on random keys and messages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }),
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        async (key, message) => {
          expect(hmacSha256Hex(key, message)).toBe(await subtleHmacHex(key, message));
        },
      ),
      { numRuns: 300 },
    );
  });
});
