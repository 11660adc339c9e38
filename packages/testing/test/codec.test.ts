import { describe, expect, it } from 'vitest';
import { decodeForm, encodeForm } from '../src/index';

describe('form codec', () => {
  it('decodes bracket notation into nested objects and arrays', () => {
    const body =
      'mode=payment&line_items[0][price]=price_a&line_items[0][quantity]=2&line_items[1][price]=price_b' +
      '&metadata[user]=u_1&metadata[empty]=&expand[]=product&expand[]=customer' +
      '&payment_method_data%5Bcard%5D%5Bnumber%5D=4242424242424242';
    expect(decodeForm(body)).toEqual({
      mode: 'payment',
      line_items: [{ price: 'price_a', quantity: '2' }, { price: 'price_b' }],
      metadata: { user: 'u_1', empty: '' },
      expand: ['product', 'customer'],
      payment_method_data: { card: { number: '4242424242424242' } },
    });
  });

  it('round-trips what it encodes, including the SDK-style indexed arrays', () => {
    const params = {
      items: [{ price: 'p', quantity: '1' }],
      expand: ['data.product'],
      metadata: { a: 'b c&d' },
    };
    expect(decodeForm(encodeForm(params))).toEqual(params);
  });
});

describe('isomorphic core', () => {
  it('has no static node: imports outside the lazily loaded HTTP listener', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const root = new URL('../src/simulator/', import.meta.url);
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    );
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const source = readFileSync(new URL(file, root), 'utf8');
      expect(source, file).not.toMatch(/^import (?!type )[^;]*from 'node:/m);
      expect(source, file).not.toMatch(/\brequire\(/);
    }
  });
});
