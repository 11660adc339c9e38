'use client';

import { RefundForm } from '@tollbooth/react';
import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';

/** <RefundForm> that refreshes the order list once Stripe accepted the refund. */
export function StaffRefund({ paymentIntent }: { paymentIntent: string }): ReactNode {
  const router = useRouter();
  return (
    <RefundForm
      paymentIntent={paymentIntent}
      messages={{ heading: 'Refund this payment' }}
      onRefunded={() => router.refresh()}
    />
  );
}
