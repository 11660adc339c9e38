'use client';

import { CheckoutButton, Entitled } from '@tollbooth/react';
import type { ReactNode } from 'react';

/** The join button, hidden by <Entitled> once the plan grants `members` (interface only; the page gates). */
export function ClubPerks(): ReactNode {
  return (
    <Entitled
      feature="members"
      fallback={
        <CheckoutButton price="club" mode="subscription" successPath="/members">
          Join the coffee club
        </CheckoutButton>
      }
    >
      <p>You are a member: reload the page to read the notes.</p>
    </Entitled>
  );
}
