'use client';

import type { Stripe } from '@stripe/stripe-js';
import { TollboothProvider } from '@tollbooth/react';
import { type ReactNode, useState } from 'react';
import type { BrowserStripe } from '@/server/stripe';

const appearance = {
  theme: 'stripe',
  variables: { colorPrimary: '#1f4d3a', borderRadius: '8px', fontFamily: 'inherit' },
} as const;

/**
 * Stripe.js for the browser: offline, the simulator's stand-in (no network, real inputs); on Stripe test mode,
 * `publishableKey` lets the provider load the real Stripe.js when a component first needs it.
 */
export function StoreProviders({
  stripe,
  children,
}: {
  stripe: BrowserStripe;
  children: ReactNode;
}): ReactNode {
  // Created in the browser only and once: the stand-in builds DOM, and the provider wants a stable value.
  const [standIn] = useState<Promise<Stripe | null> | null>(() =>
    stripe.kind === 'simulator' && typeof window !== 'undefined'
      ? import('@tollbooth/testing/stripe-js').then(({ createStripeJsStandIn }) =>
          createStripeJsStandIn({ publishableKey: stripe.publishableKey, simulatorUrl: stripe.simulatorUrl }),
        )
      : null,
  );
  return (
    <TollboothProvider
      {...(stripe.kind === 'stripe' ? { publishableKey: stripe.publishableKey } : { stripe: standIn })}
      appearance={appearance}
      locale="en-US"
    >
      {children}
    </TollboothProvider>
  );
}
