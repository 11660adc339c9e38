import type { Meta, StoryObj } from '@storybook/react-vite';
import { subscriptionListMessages as m, PricingTable, SubscriptionList } from '@tollbooth/react';
import { expect, within } from 'storybook/test';
import { onPlan, pastDue, scheduledDowngrade, trialing } from './fixtures/plan-seeds';

/** The plan states of `<SubscriptionList>` and `<PricingTable markCurrent>`, each from real Stripe state. */
const meta = {
  title: 'Plans/Plan states',
  component: SubscriptionList,
  parameters: { tollbooth: { width: '40rem' } },
} satisfies Meta<typeof SubscriptionList>;

export default meta;
type Story = StoryObj<typeof meta>;

const item = async (canvasElement: HTMLElement) =>
  (
    await within(canvasElement).findByText('Pro', { selector: '.tb-item-label' }, { timeout: 15_000 })
  ).closest('li') as HTMLElement;

export const Trial: Story = {
  name: 'SubscriptionList: in a trial',
  parameters: { tollbooth: { seed: trialing('pro') } },
  play: async ({ canvasElement }) => {
    const li = await item(canvasElement);
    await expect(within(li).getByText(m.status_trialing)).toBeVisible();
    await expect(li).toHaveTextContent(/Trial ends on Mar 29, 2026/);
  },
};

export const Scheduled: Story = {
  name: 'SubscriptionList: a downgrade scheduled',
  parameters: { tollbooth: { seed: scheduledDowngrade('pro', 'starter') } },
  play: async ({ canvasElement }) => {
    await expect(await item(canvasElement)).toHaveTextContent(/Changes to Starter on Apr 15, 2026/);
  },
};

export const PastDue: Story = {
  name: 'SubscriptionList: past due, with a way to fix the card',
  parameters: { tollbooth: { seed: pastDue('pro') } },
  play: async ({ canvasElement }) => {
    const li = await item(canvasElement);
    await expect(within(li).getByText(m.status_past_due)).toBeVisible();
    await expect(within(li).getByText(/The last payment failed/)).toBeVisible();
    await expect(within(li).getByRole('button', { name: m.fixCard })).toBeEnabled();
  },
};

export const PricingCurrent: Story = {
  name: 'PricingTable: the current plan marked',
  parameters: { tollbooth: { seed: onPlan('pro') } },
  render: () => <PricingTable prices={['starter', 'pro', 'team']} markCurrent />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const card = (await canvas.findByText('Current plan', {}, { timeout: 15_000 })).closest('li');
    await expect(card).toHaveAttribute('data-price', 'pro');
    await expect(canvas.getAllByRole('button', { name: /^Subscribe/ })).toHaveLength(2);
  },
};
