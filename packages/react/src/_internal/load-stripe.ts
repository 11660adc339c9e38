import type { Stripe } from '@stripe/stripe-js';
import { useEffect, useState } from 'react';
import type { ErrorMessages } from '../messages';
import type { TollboothContextValue } from '../provider';
import type { Problem } from './errors';

function isStripe(value: unknown): value is Stripe {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Stripe).elements === 'function' &&
    typeof (value as Stripe).confirmPayment === 'function'
  );
}

/** Accepts what @stripe/react-stripe-js accepts, so the same `stripe` value works for both. */
export function parseStripeProp(raw: unknown): PromiseLike<Stripe | null> | null {
  if (raw === null || raw === undefined) return null;
  if (isStripe(raw)) return Promise.resolve(raw);
  if (typeof (raw as PromiseLike<unknown>).then === 'function') return raw as PromiseLike<Stripe | null>;
  throw new Error(
    'Invalid prop `stripe` supplied to <TollboothProvider>: pass `loadStripe(…)` or a Stripe instance.',
  );
}

/**
 * Stripe.js for this provider, normalised once and loaded at most once, when the first component that needs
 * it mounts. Kept out of the provider's module so a page with only a `<CheckoutButton>` never references
 * `@stripe/stripe-js`. As in @stripe/react-stripe-js, `stripe` may go from null to a value, then not change.
 */
export function ensureStripe(ctx: TollboothContextValue): Promise<Stripe> {
  const slot = ctx.lazy;
  if (slot.stripe && slot.stripeProp !== ctx.stripe) {
    console.warn('Unsupported prop change on <TollboothProvider>: `stripe` cannot change after it is set.');
  }
  if (!slot.stripe) {
    let parsed: PromiseLike<Stripe | null> | null = null;
    try {
      parsed = parseStripeProp(ctx.stripe);
    } catch (error) {
      // A wrong `stripe` prop is a setup mistake: say so in the console, show "not set up" in the page.
      console.error(error);
      parsed = Promise.resolve(null);
    }
    const key = ctx.publishableKey;
    slot.stripeProp = ctx.stripe;
    slot.stripe = parsed
      ? Promise.resolve(parsed)
      : key
        ? import('@stripe/stripe-js').then((m) => m.loadStripe(key))
        : Promise.resolve(null);
  }
  return slot.stripe.then((stripe) => {
    if (stripe) return stripe;
    console.error('<TollboothProvider> needs `publishableKey` or `stripe` for this component.');
    throw new NotConfiguredError();
  });
}

/** Stripe.js is neither given nor loadable: the component shows the `not_configured` message. */
export class NotConfiguredError extends Error {
  override readonly name = 'NotConfiguredError';
}

/**
 * What to show when Stripe.js could not be had: `not_configured` (no key, no instance: a setup mistake, no
 * retry) or `stripe_unavailable` (the script did not load: a blocker, the network; worth a retry). Neither is
 * the server's fault, so neither says so.
 */
export function describeLoadError(error: unknown, messages: ErrorMessages): Problem {
  return error instanceof NotConfiguredError
    ? { code: 'not_configured', message: messages.not_configured, retryable: false }
    : { code: 'stripe_unavailable', message: messages.stripe_unavailable, retryable: true };
}

/**
 * Stripe.js for a component: the instance once loaded, or the problem to show. `retry` forgets a failed load
 * and tries again (a real `loadStripe` injects the script anew).
 */
export function useStripeJs(ctx: TollboothContextValue, messages: ErrorMessages) {
  const [stripe, setStripe] = useState<Stripe | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [round, setRound] = useState(0);
  // Not on `messages`: they may change identity on every render, and the load must not start again for that.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` is the retry's signal.
  useEffect(() => {
    ensureStripe(ctx).then(setStripe, (error) => setProblem(describeLoadError(error, messages)));
  }, [ctx, round]);
  const retry = () => {
    ctx.lazy.stripe = undefined;
    setProblem(null);
    setRound((n) => n + 1);
  };
  return { stripe, problem, retry };
}
