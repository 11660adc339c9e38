import type { Appearance, Stripe } from '@stripe/stripe-js';
import { type CatalogKeyOf, type ClientOptions, createClient, type TollboothClient } from '@tollbooth/core';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import type { ResourceStore } from './_internal/store';
import type { TollboothMessages } from './messages';

/**
 * Register your server's type once to type every component and hook by your catalog keys:
 * `declare module '@tollbooth/react' { interface Register { tollbooth: typeof tollbooth } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the app through declaration merging.
export interface Register {}

/** The catalog key type: the registered server's keys, or `string` when nothing is registered. */
export type CatalogKey = Register extends { tollbooth: infer T } ? CatalogKeyOf<T> : string;

/** What the `stripe` prop accepts: a Stripe.js instance (real or the stand-in) or a promise of one. */
export type StripeProp = Stripe | PromiseLike<Stripe | null> | null;

export interface TollboothProviderProps {
  /** Where the Tollbooth route is mounted. @default '/api/tollbooth' */
  endpoint?: string;
  /** Loads Stripe.js (`@stripe/stripe-js`'s `loadStripe`) when a component first needs it. */
  publishableKey?: string;
  /** A Stripe.js instance or promise (real, or `@tollbooth/testing/stripe-js`); wins over `publishableKey`. */
  stripe?: StripeProp;
  /** Stripe Elements appearance (theme, variables, rules), passed through unchanged. */
  appearance?: Appearance;
  /** A BCP 47 locale for prices and dates, also given to Stripe Elements. @default the browser's */
  locale?: string;
  /** Overrides for the built-in English labels and messages. */
  messages?: TollboothMessages;
  /**
   * Who is signed in: any value that changes when the user does (an id; `null` for a guest). When it
   * changes, every list and payment form under the provider forgets the last user's answers and loads
   * again, so signing in with your auth library (no page load) replaces "Please sign in" at once.
   * Without it, a failed load is retried when the page regains focus. @default undefined (not tracked)
   */
  userId?: string | null;
  /** The fetch used to call the server (a test double, or one adding headers). @default globalThis.fetch */
  fetch?: typeof fetch;
  children?: ReactNode;
}

/** @internal Shared by every component under the provider. */
export interface TollboothContextValue {
  /** Where and how to reach the route: a `<CheckoutButton>` calls `request()` with it, without a full client. */
  options: ClientOptions;
  /**
   * Created on first use by the components that need them (`getClient`, the cache, Stripe.js), so a lone
   * `<CheckoutButton>` ships none of them.
   */
  lazy: {
    client?: TollboothClient<CatalogKey>;
    store?: ResourceStore;
    stripe?: Promise<Stripe | null>;
    stripeProp?: StripeProp;
  };
  /** The latest `stripe` prop: read once, when a component first needs Stripe.js. */
  stripe?: StripeProp;
  publishableKey?: string;
  appearance?: Appearance;
  locale?: string;
  /** The provider's `userId`: the cache forgets its answers when it changes. */
  userId?: string | null;
  messages: TollboothMessages;
}

const TollboothContext = createContext<TollboothContextValue | null>(null);

/** Gives the components under it a Tollbooth client, Stripe.js (loaded lazily), theme and messages. */
export function TollboothProvider(props: TollboothProviderProps): ReactNode {
  const { endpoint, fetch, stripe, publishableKey, appearance, locale, messages, userId, children } = props;
  // The options and the lazily filled slots are made once: they must survive re-renders. `endpoint` and
  // `fetch` are read on the first render only (remount the provider, with a `key`, to change them).
  const [base] = useState<Pick<TollboothContextValue, 'options' | 'lazy'>>(() => ({
    options: { endpoint, fetch },
    lazy: {},
  }));
  const value = useMemo<TollboothContextValue>(
    () => ({ ...base, stripe, publishableKey, appearance, locale, userId, messages: messages ?? {} }),
    [base, stripe, publishableKey, appearance, locale, userId, messages],
  );
  return <TollboothContext.Provider value={value}>{children}</TollboothContext.Provider>;
}

/** @internal The provider's context, or a clear error naming the hook that needed it. */
export function useTollboothContext(caller: string): TollboothContextValue {
  const value = useContext(TollboothContext);
  if (!value) {
    throw new Error(
      `Could not find the Tollbooth context: wrap the part of your app that calls ${caller} in <TollboothProvider>.`,
    );
  }
  return value;
}

/** @internal The provider's typed client, made on first use (a lone `<CheckoutButton>` never makes one). */
export function getClient(ctx: TollboothContextValue): TollboothClient<CatalogKey> {
  ctx.lazy.client ??= createClient(ctx.options) as TollboothClient<CatalogKey>;
  return ctx.lazy.client;
}

/** The typed Tollbooth client of the nearest provider, for calls the components do not cover. */
export function useTollbooth(): TollboothClient<CatalogKey> {
  return getClient(useTollboothContext('useTollbooth()'));
}
