import type { ReactNode } from 'react';
import { readMode } from '@/server/env';

/**
 * The demo-only "a month passes" control: offline on the simulator only, never with Stripe keys (the route
 * refuses then too). A plain form, so it works before the page hydrates.
 */
export function DemoClock(): ReactNode {
  if (readMode().kind !== 'simulator') return null;
  return (
    <section className="card" aria-labelledby="demo-clock-title">
      <h2 id="demo-clock-title" className="tb-heading">
        Demo clock
      </h2>
      <p className="muted">
        Offline only: moves your Stripe test clock on a month, so the renewal is billed and a scheduled change
        takes effect.
      </p>
      <form method="post" action="/api/demo/clock">
        <button type="submit" className="tb-button">
          Advance one month
        </button>
      </form>
    </section>
  );
}
