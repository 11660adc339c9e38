import type { Meta, StoryObj } from '@storybook/react-vite';
import { InvoiceList, invoiceListMessages as m } from '@tollbooth/react';
import { expect, within } from 'storybook/test';
import { expectState } from './fixtures/play';
import { noCards, subscriptions } from './fixtures/seeds';
import { forbidden, loading, networkError, rateLimited, signedOut } from './fixtures/states';

const meta = {
  title: 'InvoiceList',
  component: InvoiceList,
  parameters: {
    // Each subscription's first invoice, paid with the saved Visa.
    tollbooth: { seed: subscriptions(['pro', 'team']), width: '40rem' },
    docs: {
      description: {
        component: `The customer's invoices as a table: number (linking to Stripe's hosted invoice), date, amount paid, status.

\`\`\`tsx
<InvoiceList />
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof InvoiceList>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WithData: Story = {
  name: 'Invoices',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const table = await canvas.findByRole('table', { name: m.heading }, { timeout: 15_000 });
    await expect(within(table).getAllByRole('row')).toHaveLength(3);
    await expect(table).toHaveTextContent('$29.00');
    await expect(table).toHaveTextContent('$99.00');
    await expectState(canvasElement.querySelector('.tb-invoices'), 'idle');
  },
};

export const Loading: Story = loading('invoices.list');

export const Empty: Story = {
  parameters: { tollbooth: { seed: noCards } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(m.empty, {}, { timeout: 15_000 })).toBeVisible();
  },
};

export const SignedOut: Story = { name: 'Signed out (401)', ...signedOut() };
export const Forbidden: Story = { name: 'Forbidden (403)', ...forbidden() };
export const RateLimited: Story = { name: 'Rate limited (429)', ...rateLimited('invoices.list') };
export const NetworkError: Story = { name: 'Network error', ...networkError('invoices.list') };
