import type { Meta, StoryObj } from '@storybook/react-vite';
import { subscriptionListMessages as m, SubscriptionList } from '@tollbooth/react';
import { expect, userEvent, within } from 'storybook/test';
import { CATALOG_ENTRIES } from './fixtures/catalog';
import { expectState } from './fixtures/play';
import { noCards, subscriptions } from './fixtures/seeds';
import { forbidden, loading, networkError, rateLimited, signedOut } from './fixtures/states';

const names: Record<string, string> = Object.fromEntries(CATALOG_ENTRIES.map((e) => [e.key, e.product.name]));
const section = (canvasElement: HTMLElement) => canvasElement.querySelector('.tb-subscriptions');
/** "Cancel subscription to Pro": the accessible name says which plan (`cancelLabel`, `resumeLabel`). */
const named = (template: string, plan: string) => template.replace('{price}', plan);
const startCancel = async (canvasElement: HTMLElement) =>
  userEvent.click(
    await within(canvasElement).findByRole(
      'button',
      { name: named(m.cancelLabel, 'Pro') },
      { timeout: 15_000 },
    ),
  );

const meta = {
  title: 'SubscriptionList',
  component: SubscriptionList,
  args: { priceLabel: (price: string) => names[price] ?? price },
  argTypes: { priceLabel: { control: false } },
  parameters: {
    // Pro renews; Starter is already set to end at the period's end.
    tollbooth: { seed: subscriptions(['pro', 'starter'], ['starter']), width: '40rem' },
    docs: {
      description: {
        component: `The customer's subscriptions with their renewal date; cancel (at period end, after a confirm step) or resume.

\`\`\`tsx
<SubscriptionList priceLabel={(key) => plans[key].name} />
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof SubscriptionList>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WithData: Story = {
  name: 'Active and ending',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const pro = await canvas.findByText('Pro', {}, { timeout: 15_000 });
    await expect(pro.closest('li')).toHaveTextContent(/Next charge on/);
    await expect(canvas.getByText('Starter').closest('li')).toHaveTextContent(/Ends on/);
    await expect(canvas.getByRole('button', { name: named(m.resumeLabel, 'Starter') })).toBeVisible();
    await expectState(section(canvasElement), 'idle');
  },
};

export const Loading: Story = loading('subscriptions.list');

export const Empty: Story = {
  parameters: { tollbooth: { seed: noCards } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(m.empty, {}, { timeout: 15_000 })).toBeVisible();
  },
};

/** Cancel asks first, then sets the subscription to end at the period's end. */
export const Cancel: Story = {
  name: 'Cancel (succeeded)',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await startCancel(canvasElement);
    const confirm = await canvas.findByRole('group', {
      name: /^Cancel Pro at the end of the billing period/,
    });
    await userEvent.click(within(confirm).getByRole('button', { name: m.confirm }));
    await expect(
      await canvas.findByText(/^Your subscription will end on/, {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: named(m.resumeLabel, 'Pro') })).toBeVisible();
  },
};

export const Resume: Story = {
  name: 'Resume (succeeded)',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      await canvas.findByRole('button', { name: named(m.resumeLabel, 'Starter') }, { timeout: 15_000 }),
    );
    await expect(await canvas.findByText(m.resumed, {}, { timeout: 15_000 })).toBeInTheDocument();
    await expect(canvas.getByText('Starter').closest('li')).toHaveTextContent(/Next charge on/);
  },
};

export const Processing: Story = {
  parameters: { tollbooth: { responses: { 'subscriptions.cancel': 'pending' } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await startCancel(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: m.confirm }));
    await expectState(section(canvasElement), 'processing');
  },
};

export const SignedOut: Story = { name: 'Signed out (401)', ...signedOut() };
export const Forbidden: Story = { name: 'Forbidden (403)', ...forbidden() };
export const RateLimited: Story = { name: 'Rate limited (429)', ...rateLimited('subscriptions.list') };
export const NetworkError: Story = { name: 'Network error', ...networkError('subscriptions.list') };
