import { createIdempotencyKey, TollboothError } from '@tollbooth/core';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  type CallErrorMessages,
  callErrorMessages,
  errorMessages,
  type TollboothMessages,
} from '../messages';
import type { TollboothContextValue } from '../provider';
import { describeError, type Problem } from './errors';
import { getStore, LOADING, type Snapshot } from './store';

type Section = Exclude<keyof TollboothMessages, 'errors' | 'declines'>;

function merge<B extends object, D extends object>(
  ctx: TollboothContextValue,
  section: Section | null,
  base: B,
  defaults: D,
  own: Partial<B & D> | undefined,
): B & D {
  const shared = section ? ctx.messages[section] : undefined;
  return { ...base, ...defaults, ...ctx.messages.errors, ...shared, ...own } as B & D;
}

/** Defaults, then the provider's overrides, then the component's: the nearest wins. */
export function useMessages<D extends object>(
  ctx: TollboothContextValue,
  section: Section | null,
  defaults: D,
  own?: Partial<D & typeof errorMessages>,
): D & typeof errorMessages {
  return merge(ctx, section, errorMessages, defaults, own);
}

/** `useMessages` for components that only call the server (the buttons): no loading or Stripe.js strings. */
export function useCallMessages<D extends object>(
  ctx: TollboothContextValue,
  section: Section,
  defaults: D,
  own?: Partial<D & CallErrorMessages>,
): D & CallErrorMessages {
  return merge(ctx, section, callErrorMessages, defaults, own);
}

export interface ResourceState<T> {
  data: T | undefined;
  error: TollboothError | undefined;
  /** `loading` until the first answer; stays `succeeded` with the old data while a refetch runs. */
  status: Snapshot<T>['status'];
  isFetching: boolean;
  refetch: () => Promise<void>;
}

const noop = () => {};

const subscribeNever = () => noop;
/**
 * `false` in the server's HTML and until React has hydrated the tree, then `true`. A server-rendered button
 * that does nothing when clicked before hydration is disabled until it can act, instead of eating the click.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

/**
 * Reads `key` from the provider's cache and loads it on mount, joining any request already on the way; with
 * `initialData` (rendered on the server), here or on another component reading the same key, the key starts
 * loaded and nothing is requested on mount. A key
 * that failed loads again when the page regains focus (a window or tab switch): the user who signed in (in another
 * tab, a pop-up, a modal that blurred the page) or whose network came back sees the data without a reload.
 */
export function useResource<T>(
  ctx: TollboothContextValue,
  key: string | null,
  fetcher: () => Promise<T>,
  initialData?: T,
): ResourceState<T> {
  const store = getStore(ctx);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  // In render, before the read below: the server's HTML and the hydrating browser both show the rows. A key
  // another component on the page seeded is as fresh for this one (a PlanSwitcher beside a SubscriptionList).
  const serverData =
    key !== null && (initialData !== undefined ? store.seed(key, initialData) : store.isSeeded(key));
  // Decided by the first render: a later one may pass the same (older) initialData after a refetch.
  const mountedOnServerData = useRef(serverData);
  const read = () => (key ? store.get<T>(key) : LOADING);
  const snapshot = useSyncExternalStore(
    useCallback((listener) => (key ? store.subscribe(key, listener) : noop), [store, key]),
    read,
    read,
  );
  const load = useCallback(
    async (keep?: boolean) => {
      if (key) await store.load(key, () => fetcherRef.current(), keep).catch(noop);
    },
    [store, key],
  );
  const refetch = useCallback(() => load(), [load]);
  useEffect(() => {
    store.forUser(ctx.userId);
    // Server data is fresh: no request on mount. Data a request brought earlier is revalidated as without it,
    // and a user change above dropped either, so that one loads.
    load(mountedOnServerData.current);
  }, [store, ctx.userId, load]);
  const failed = snapshot.status === 'error';
  // The window's focus event also fires when the user comes back to its tab.
  useEffect(() => {
    if (!failed) return;
    window.addEventListener('focus', refetch);
    return () => window.removeEventListener('focus', refetch);
  }, [failed, refetch]);
  return {
    data: snapshot.data,
    error: snapshot.error,
    status: snapshot.status,
    isFetching: snapshot.fetching,
    refetch,
  };
}

export type UiState = 'idle' | 'loading' | 'processing' | 'succeeded' | 'error';

/**
 * One user action at a time: a second click while the first runs is ignored (before React even re-renders),
 * and a retry after a network failure reuses the attempt's Idempotency-Key so the server creates one object
 * (`reset` starts a new attempt). An action may throw `{ problem }` to show a problem it described itself (a
 * card decline).
 */
export function useAttempt(errors: CallErrorMessages) {
  const busy = useRef(false);
  const key = useRef<string | null>(null);
  const [state, setState] = useState<UiState>('idle');
  const [problem, setProblem] = useState<Problem | null>(null);

  const run = useCallback(
    async <T>(action: (idempotencyKey: string) => Promise<T>): Promise<T | undefined> => {
      if (busy.current) return undefined;
      busy.current = true;
      key.current ??= createIdempotencyKey();
      setState('processing');
      setProblem(null);
      try {
        const result = await action(key.current);
        key.current = null;
        setState('succeeded');
        return result;
      } catch (error) {
        // Only a request that may never have arrived is the same attempt; anything the server answered is final.
        if (!(error instanceof TollboothError && error.code === 'network_error')) key.current = null;
        const shown = (error as { problem?: Problem } | null)?.problem ?? describeError(error, errors);
        setProblem(shown);
        setState('error');
        return undefined;
      } finally {
        busy.current = false;
      }
    },
    [errors],
  );
  const reset = useCallback(() => {
    key.current = null;
    setState('idle');
    setProblem(null);
  }, []);
  return { state, problem, run, reset, setState, setProblem, busy };
}
