import type { Meta, StoryObj } from '@storybook/react-vite';
import type { BillingState } from '@tollbooth/core';
import {
  Entitled,
  PricingTable,
  pricingTableMessages,
  SubscriptionList,
  subscriptionListMessages,
  useBilling,
} from '@tollbooth/react';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { expect, within } from 'storybook/test';
import { storyNavigate } from './fixtures/backend';
import { billingSeeds } from './fixtures/billing-seeds';

/** What a page does with `useBilling()`: say where the customer stands. (A story helper, not a component.) */
function PlanSummary(): ReactNode {
  const { data, status } = useBilling();
  if (status !== 'succeeded' || !data) return <p>Loading your plan…</p>;
  const change = data.subscription?.scheduledChange;
  return (
    <p data-testid="plan" data-status={data.status}>
      Plan: <strong>{data.plan ?? 'none'}</strong> ({data.status})
      {data.subscription?.cancelAtPeriodEnd ? ', ends at the period’s end' : ''}
      {change
        ? `, moves to ${change.plan ?? change.price} on ${new Date(change.effectiveAt * 1000).toDateString()}`
        : ''}
    </p>
  );
}

/** A members-only panel, the way an app gates its interface on a feature. */
function BillingPage(): ReactNode {
  return (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <PlanSummary />
      <Entitled
        feature="refunds"
        fallback={<p data-testid="gate">Refunds come with Pro. Upgrade to issue them.</p>}
      >
        <p data-testid="gate">Refunds are on for your booth.</p>
      </Entitled>
      <PricingTable prices={['starter', 'pro', 'team']} redirect={storyNavigate} />
      <SubscriptionList />
    </div>
  );
}

const meta = {
  title: 'Billing state',
  component: BillingPage,
  parameters: {
    tollbooth: { width: '56rem' },
    docs: {
      description: {
        component: `\`useBilling()\` reads the caller's billing state (\`GET /billing\`); \`<Entitled feature fallback>\` shows its
children only when the plan grants the feature (interface only: the server guards with \`tollbooth.billing(user)\`);
\`<PricingTable>\` and \`<SubscriptionList>\` mark the current plan.

\`\`\`tsx
<Entitled feature="refunds" fallback={<UpgradeHint />}><RefundsPanel /></Entitled>
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof BillingPage>;

export default meta;
type Story = StoryObj<typeof meta>;

const plan = async (canvasElement: HTMLElement) =>
  within(canvasElement).findByTestId('plan', {}, { timeout: 15_000 });
const currentPrice = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('.tb-pricing-table [data-current="true"]')?.getAttribute('data-price') ?? null;

/** The state's summary, the gate, and what the two lists mark as current. */
function expectBilling(expected: {
  status: string;
  plan: string;
  entitled: boolean;
  current: string | null;
}) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const canvas = within(canvasElement);
    const summary = await plan(canvasElement);
    await expect(summary).toHaveAttribute('data-status', expected.status);
    await expect(summary).toHaveTextContent(`Plan: ${expected.plan}`);
    await expect(canvas.getByTestId('gate')).toHaveTextContent(
      expected.entitled ? 'Refunds are on' : 'Refunds come with Pro',
    );
    await canvas.findAllByText('Pro', {}, { timeout: 15_000 });
    await expect(currentPrice(canvasElement)).toBe(expected.current);
    if (expected.current) {
      await expect(canvas.getAllByText(pricingTableMessages.currentPlan).length).toBeGreaterThan(0);
      const item = canvasElement.querySelector('.tb-subscriptions [data-current="true"]');
      await expect(item).not.toBeNull();
      await expect(item).toHaveTextContent(subscriptionListMessages.currentPlan);
    }
  };
}

export const None: Story = {
  name: 'None (never subscribed)',
  parameters: { tollbooth: { seed: billingSeeds.none } },
  play: expectBilling({ status: 'none', plan: 'free', entitled: false, current: null }),
};

export const Trialing: Story = {
  parameters: { tollbooth: { seed: billingSeeds.trialing } },
  play: expectBilling({ status: 'trialing', plan: 'pro', entitled: true, current: 'pro' }),
};

export const Active: Story = {
  parameters: { tollbooth: { seed: billingSeeds.active } },
  play: expectBilling({ status: 'active', plan: 'pro', entitled: true, current: 'pro' }),
};

export const PastDue: Story = {
  name: 'Past due (Stripe is retrying)',
  parameters: { tollbooth: { seed: billingSeeds.pastDue } },
  play: expectBilling({ status: 'past_due', plan: 'pro', entitled: true, current: 'pro' }),
};

export const CanceledAtPeriodEnd: Story = {
  name: 'Canceled at period end',
  parameters: { tollbooth: { seed: billingSeeds.canceling } },
  play: async (context) => {
    await expectBilling({ status: 'active', plan: 'pro', entitled: true, current: 'pro' })(context);
    await expect(await plan(context.canvasElement)).toHaveTextContent('ends at the period’s end');
  },
};

/**
 * The simulator has no subscription schedules yet (they arrive with the simulator work of issue #13), so this
 * one state is the server's answer for a scheduled downgrade, given as a fixed `GET /billing` response; the
 * rest of the page still talks to the real in-page server.
 */
const scheduled: BillingState = {
  plan: 'pro',
  status: 'active',
  features: ['catalog', 'booth', 'refunds'],
  limits: { booths: 10 },
  subscription: {
    id: 'sub_scheduled',
    price: 'pro',
    status: 'active',
    currentPeriodEnd: 1_776_247_200,
    cancelAtPeriodEnd: false,
    trialEnd: null,
    quantity: 1,
    scheduledChange: { plan: 'starter', price: 'starter', quantity: 1, effectiveAt: 1_776_247_200 },
  },
  syncedAt: 1_773_568_800,
};

export const ScheduledChange: Story = {
  name: 'Scheduled change (downgrade at period end)',
  parameters: {
    tollbooth: { seed: billingSeeds.active },
    msw: [http.get('*/billing', () => HttpResponse.json(scheduled))],
  },
  play: async ({ canvasElement }) => {
    const summary = await plan(canvasElement);
    await expect(summary).toHaveTextContent('moves to starter on');
    await expect(within(canvasElement).getByTestId('gate')).toHaveTextContent('Refunds are on');
    await within(canvasElement).findAllByText('Pro', {}, { timeout: 15_000 });
    await expect(currentPrice(canvasElement)).toBe('pro');
  },
};

export const SignedOut: Story = {
  name: 'Signed out: nothing marked, the gate shut',
  parameters: { tollbooth: { user: 'signedOut', seed: billingSeeds.active } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findAllByText('Pro', {}, { timeout: 15_000 });
    await expect(await canvas.findByTestId('gate')).toHaveTextContent('Refunds come with Pro');
    await expect(currentPrice(canvasElement)).toBeNull();
  },
};
