'use client';

import { RefundForm } from '@tollbooth/react';
import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';

/** <RefundForm> that refreshes the order list once Stripe accepted the refund. */
export function StaffRefund({
  paymentIntent,
  refundable,
  limit,
}: {
  paymentIntent: string;
  /** What is left of the payment, so the form can say it. */
  refundable: number;
  /** The support cap, shown when a refund is over it; none for admins. */
  limit?: number;
}): ReactNode {
  const router = useRouter();
  return (
    <>
      <RefundForm
        paymentIntent={paymentIntent}
        refundable={refundable}
        limit={limit}
        messages={{
          // The heading names the form landmark: each order's must differ (the id's tail is on the card above).
          heading: `Refund payment …${paymentIntent.slice(-8)}`,
          amount: 'Amount to refund ({currency})',
        }}
        onRefunded={() => {
          router.refresh();
          // The order book learns the refunded amount from Stripe's charge.refunded webhook, which usually
          // lands just after the response: look once more so the card's "Refunds" figure catches up.
          setTimeout(() => router.refresh(), 1500);
        }}
      />
      <p className="refund-hint">Leave the amount empty to refund all that is left (you confirm first).</p>
    </>
  );
}
