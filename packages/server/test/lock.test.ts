import { describe, expect, it } from 'vitest';
import { LOCK_SECONDS, withLock } from '../src/_internal/lock';
import { memoryStore } from '../src/index';
import type { KeyValueStore } from '../src/types';

describe('withLock', () => {
  it('lets one of many parallel holders in; the others get 409 conflict at once', async () => {
    const store = memoryStore();
    let inside = 0;
    let most = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        withLock(store, 'lock:pi_1', 'busy', async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inside -= 1;
          return 'done';
        }),
      ),
    );
    expect(most).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict', message: 'busy' });
    }
    // Released: the next holder gets in.
    expect(await withLock(store, 'lock:pi_1', 'busy', async () => 'again')).toBe('again');
  });

  it('is released when the holder throws', async () => {
    const store = memoryStore();
    await expect(
      withLock(store, 'k', 'busy', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.get('k')).toBeNull();
  });

  it('lapses after LOCK_SECONDS when never released, and a lapsed holder does not release its successor', async () => {
    let now = 0;
    const store = memoryStore({ now: () => now });
    let releaseFirst: () => void = () => {};
    const first = withLock(
      store,
      'k',
      'busy',
      () => new Promise<void>((resolve) => (releaseFirst = resolve)),
    );
    await Promise.resolve();
    await expect(withLock(store, 'k', 'busy', async () => 'x')).rejects.toMatchObject({ code: 'conflict' });
    now += LOCK_SECONDS * 1000 + 1;
    let second = '';
    const running = withLock(store, 'k', 'busy', async () => {
      releaseFirst();
      await first;
      // The first holder has finished and released: the lock is still this one's.
      second = (await store.get('k')) ?? '';
    });
    await running;
    expect(second).not.toBe('');
  });

  it('a holder whose lock lapsed while it released it never frees the lock a second holder took meanwhile', async () => {
    // One clock for the store and both holders, as the simulator's `now` drives a test.
    let now = 0;
    const inner = memoryStore({ now: () => now });
    let second: Promise<unknown> | undefined;
    let secondInside = false;
    let secondRelease: () => void = () => {};
    // The store answers the first holder's release, then (before that answer arrives) the lock lapses and a
    // second holder takes it: the worst moment a release can meet, on any store with a round trip.
    let lapseDuringRelease = false;
    const lapse = () => {
      if (!lapseDuringRelease) return;
      lapseDuringRelease = false;
      now += LOCK_SECONDS * 1000 + 1;
      second = withLock(store, 'k', 'busy', async () => {
        secondInside = true;
        await new Promise<void>((resolve) => (secondRelease = resolve));
      });
    };
    const store: KeyValueStore = {
      ...inner,
      get: async (key) => {
        const value = await inner.get(key);
        lapse();
        await Promise.resolve();
        return value;
      },
      compareAndDelete: async (key, expected) => {
        lapse();
        await Promise.resolve();
        await Promise.resolve();
        return inner.compareAndDelete(key, expected);
      },
    };
    await withLock(store, 'k', 'busy', async () => {
      lapseDuringRelease = true;
    });
    for (let i = 0; i < 10 && !secondInside; i++) await Promise.resolve();
    expect(secondInside).toBe(true);
    // The second holder still holds it: a third is refused until the second releases.
    await expect(withLock(inner, 'k', 'busy', async () => 'third')).rejects.toMatchObject({
      code: 'conflict',
    });
    secondRelease();
    await second;
    expect(await withLock(inner, 'k', 'busy', async () => 'third')).toBe('third');
  });
});
