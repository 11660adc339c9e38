'use client';
import { PricingTable, TollboothProvider } from '@tollbooth/react';

/** The pricing table as an app mounts it; `tableProps` carries server-fetched data when the page has it. */
export function Pricing({ tableProps = {} }) {
  return (
    <TollboothProvider endpoint="/api/tollbooth">
      <PricingTable {...tableProps} />
    </TollboothProvider>
  );
}
