import type { TollboothError } from '@tollbooth/core';
import type { TollboothContextValue } from '../provider';

export interface Snapshot<T> {
  status: 'loading' | 'succeeded' | 'error';
  data?: T;
  error?: TollboothError;
  /** True while a request for this key is on the way (the first load or a refetch). */
  fetching: boolean;
}

interface Entry {
  snapshot: Snapshot<unknown>;
  inflight?: Promise<unknown>;
  /** The last fetcher, so an invalidation can load the key again without the component. */
  fetcher?: () => Promise<unknown>;
  listeners: Set<() => void>;
  /** The data on screen came from the server (`seed`) and no request has replaced it since. */
  seeded?: boolean;
}

export const LOADING: Snapshot<never> = { status: 'loading', fetching: true };

/**
 * The provider's request cache: one entry per key, shared by every hook that reads it. A request for a key
 * already on the way is joined, never repeated, so React StrictMode's double effects and two components
 * reading the same list send one request.
 */
export class ResourceStore {
  private readonly entries = new Map<string, Entry>();

  /** @param user the provider's `userId` the answers are for. */
  constructor(private user?: string | null) {}

  /** Another user signed in or out: forget the last one's answers (their cards must not show) and reload. */
  forUser(user: string | null | undefined): void {
    if (user === this.user) return;
    this.user = user;
    this.invalidate(undefined, true);
  }

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { snapshot: LOADING, listeners: new Set() };
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Whether `key` shows data the server rendered (another component's `initialData`): fresh, not to refetch. */
  isSeeded(key: string): boolean {
    return this.entries.get(key)?.seeded === true;
  }

  get<T>(key: string): Snapshot<T> {
    return this.entry(key).snapshot as Snapshot<T>;
  }

  subscribe(key: string, listener: () => void): () => void {
    const { listeners } = this.entry(key);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  set<T>(key: string, next: Partial<Snapshot<T>>): void {
    const entry = this.entry(key);
    entry.snapshot = { ...entry.snapshot, ...next };
    for (const listener of entry.listeners) listener();
  }

  /**
   * Data rendered on the server (`initialData`): shown as loaded at once, on the server and in the hydrating
   * browser alike, for a key nobody has read yet or one that still shows earlier server data (a page visited
   * again). A key a request answered keeps that answer. Returns whether the key now shows server data.
   */
  seed(key: string, data: unknown): boolean {
    const entry = this.entry(key);
    if (entry.snapshot === LOADING || (entry.seeded && entry.snapshot.data !== data)) {
      entry.snapshot = { status: 'succeeded', data, fetching: false };
      entry.seeded = true;
    }
    return entry.seeded === true;
  }

  /**
   * Starts `fetcher` unless a request for `key` is already on the way; resolves with the data. `keep`: an answer
   * already there (seeded from the server) is kept, no request; the fetcher is still remembered, so an
   * invalidation (a mutation, a user change) loads the key again.
   */
  load<T>(key: string, fetcher: () => Promise<T>, keep?: boolean): Promise<T> {
    const entry = this.entry(key);
    entry.fetcher = fetcher;
    if (entry.inflight) return entry.inflight as Promise<T>;
    if (keep && entry.snapshot.status === 'succeeded') return Promise.resolve(entry.snapshot.data as T);
    this.set(key, { fetching: true, ...(entry.snapshot.status === 'error' ? { status: 'loading' } : {}) });
    const inflight = fetcher().then(
      (data) => {
        entry.inflight = undefined;
        entry.seeded = false;
        this.set<T>(key, { status: 'succeeded', data, error: undefined, fetching: false });
        return data;
      },
      (error: TollboothError) => {
        entry.inflight = undefined;
        this.set(key, { status: 'error', error, fetching: false });
        throw error;
      },
    );
    entry.inflight = inflight;
    return inflight;
  }

  /**
   * Marks `only` (default: every key) out of date: a key on screen loads again now, any other on its next
   * read. `drop` also forgets the data (another user signed in: their lists must not show the last user's).
   */
  invalidate(only?: readonly string[], drop = false): Promise<unknown> {
    return Promise.all(
      [...this.entries].map(([key, entry]) => {
        if (only && !only.includes(key)) return undefined;
        if (drop) {
          entry.seeded = false;
          this.set(key, { ...LOADING, data: undefined, error: undefined });
        }
        const { fetcher } = entry;
        if (!entry.listeners.size || !fetcher) return this.entries.delete(key);
        // A request already on the way may carry the old answer: wait for it, then ask again.
        const again = () => this.load(key, fetcher);
        return (entry.inflight ?? Promise.resolve()).then(again, again).catch(() => {});
      }),
    );
  }
}

/** The provider's store, made on first use. */
export function getStore(ctx: TollboothContextValue): ResourceStore {
  ctx.lazy.store ??= new ResourceStore(ctx.userId);
  return ctx.lazy.store;
}
