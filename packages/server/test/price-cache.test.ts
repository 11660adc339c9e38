import { describe, expect, it } from 'vitest';
import { memoryStore } from '../src/index';
import { call } from './helpers';
import { simSetup } from './sim';

async function basicAmount(handle: (r: Request) => Promise<Response>): Promise<number | undefined> {
  const body = (await (await handle(call('/catalog'))).json()) as {
    prices: { id: string; unitAmount: number }[];
  };
  return body.prices.find((p) => p.id === 'basic')?.unitAmount;
}

describe('the parsed price cache', () => {
  it('follows the stored entry: a value another instance wrote is read, not the parsed copy', async () => {
    const store = memoryStore();
    const { tollbooth } = simSetup({ store });
    const handle = (r: Request) => tollbooth.handle(r);
    expect(await basicAmount(handle)).toBe(1500);
    expect(await basicAmount(handle)).toBe(1500);
    const raw = (await store.get('default:price:price_basic')) as string;
    const changed = JSON.stringify({ ...JSON.parse(raw), unitAmount: 1700 });
    await store.set('default:price:price_basic', changed, { ttlSeconds: 300 });
    expect(await basicAmount(handle)).toBe(1700);
  });

  it('refetches from Stripe when the stored entry is gone or damaged, as before', async () => {
    const store = memoryStore();
    const { tollbooth, recorder } = simSetup({ store });
    const handle = (r: Request) => tollbooth.handle(r);
    expect(await basicAmount(handle)).toBe(1500);
    const reads = recorder.calls.length;
    await store.set('default:price:price_basic', '{damaged', { ttlSeconds: 300 });
    expect(await basicAmount(handle)).toBe(1500);
    expect(recorder.calls.length).toBe(reads + 1);
  });
});
