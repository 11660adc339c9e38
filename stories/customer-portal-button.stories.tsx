import type { Meta, StoryObj } from '@storybook/react-vite';
import { CustomerPortalButton, customerPortalButtonMessages } from '@tollbooth/react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { storyNavigate } from './fixtures/backend';
import { expectState } from './fixtures/play';
import { savedCards } from './fixtures/seeds';
import { forbidden, networkError, rateLimited, signedOut } from './fixtures/states';

const click = async (canvasElement: HTMLElement) =>
  userEvent.click(
    await within(canvasElement).findByRole('button', { name: customerPortalButtonMessages.label }),
  );

const meta = {
  title: 'CustomerPortalButton',
  component: CustomerPortalButton,
  args: { returnPath: '/account', redirect: fn(storyNavigate) },
  parameters: {
    tollbooth: { seed: savedCards },
    docs: {
      description: {
        component: `Opens Stripe's customer portal for the signed-in customer (billing details, cards, invoices). No Stripe.js.

\`\`\`tsx
<CustomerPortalButton returnPath="/account">Manage billing</CustomerPortalButton>
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof CustomerPortalButton>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByRole('button', { name: customerPortalButtonMessages.label }),
    ).toBeEnabled();
    await expectState(canvasElement.querySelector('.tb-portal-button'), 'idle');
  },
};

export const Processing: Story = {
  parameters: { tollbooth: { responses: { 'portal.create': 'pending' } } },
  play: async ({ canvasElement }) => {
    await click(canvasElement);
    await expect(
      await within(canvasElement).findByText(customerPortalButtonMessages.processing),
    ).toBeInTheDocument();
    await expectState(canvasElement.querySelector('.tb-portal-button'), 'processing');
  },
};

/** The server created a portal session for the user's own customer; the button hands its URL to `redirect`. */
export const Redirecting: Story = {
  name: 'Succeeded (redirecting)',
  play: async ({ canvasElement, args }) => {
    await click(canvasElement);
    await waitFor(() =>
      expect(args.redirect).toHaveBeenCalledWith(expect.stringContaining('/_simulator/portal/')),
    );
    await expectState(canvasElement.querySelector('.tb-portal-button'), 'succeeded');
  },
};

export const SignedOut: Story = { name: 'Signed out (401)', ...signedOut(click) };
export const Forbidden: Story = { name: 'Forbidden (403)', ...forbidden(click) };
export const RateLimited: Story = { name: 'Rate limited (429)', ...rateLimited('portal.create', click) };
export const NetworkError: Story = { name: 'Network error', ...networkError('portal.create', click) };
